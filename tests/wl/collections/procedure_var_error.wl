// exit: 1
p is Procedure
Trace("before")
p(1)
