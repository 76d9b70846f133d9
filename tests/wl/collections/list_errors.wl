// exit: 1
l is list of int
l.Add(1)
Trace(l[1])
l.Shuffle()
