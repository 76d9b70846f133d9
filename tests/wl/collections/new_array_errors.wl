// exit: 1
t is array of int
t = new array of 3 Integr
Trace(t.Count)
