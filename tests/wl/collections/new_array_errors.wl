// exit: 1
sizes is array of int
sizes = new array of 3 Integr
Trace(sizes.Count)
