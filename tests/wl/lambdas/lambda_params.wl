// exit: 2
p is Procedure = (a, "b") => a
