// s[[i]], s[[a TO b]], s[[a TO]], s[[TO b]]: parts of a string, 1-based; out of range gives what exists
s is string = "Hello world"
Trace(s[[1]])
Trace(s[[1 TO 5]])
Trace(s[[7 TO]])
Trace(s[[TO 4]])
Trace("[" + s[[20]] + "]")
Trace(s[[8 TO 99]])
n is int = 2
Trace(s[[n TO n + 2]])
