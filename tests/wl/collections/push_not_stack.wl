// exit: 1
q is queue of int
Trace("before")
Push(q, 1)
Trace("never")
