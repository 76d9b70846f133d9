// exit: 2
<COMPILE IF Version > 25>
Trace("x")
<END>
