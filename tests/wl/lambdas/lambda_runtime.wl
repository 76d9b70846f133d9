// exit: 1
p is Procedure = (a, b) => a + b
Trace(p(1, 2))
WHEN EXCEPTION IN
	p(1, 2, 3)
DO
	Trace("caught: " + ExceptionInfo())
END
t is array of int = [2, 1]
ArraySort(t, asFunction, (a, b) => "x")
