// Declarations are hoisted to the procedure; a declaration in a loop re-initialises
FOR i = 1 TO 3
	n is int
	n += i
	Trace(n)
END
Info(n)
