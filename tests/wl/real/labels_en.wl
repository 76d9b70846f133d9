// CASE ERROR: (a non-fatal error of a function), CASE EXCEPTION: (a fatal error), END: (every exit)
Trace(Load("missing-file.txt"))
Trace(Divide(1, 0))
Trace(Divide(6, 3))
Trace(Quiet())
Trace(Outer())

PROCEDURE Load(path is string)
text is string = fLoadText(path)
Trace("not reached")
RESULT text
CASE ERROR:
	Trace("CASE ERROR:", ErrorOccurred)
	RESULT "nothing"
END:
	Trace("END: Load")

PROCEDURE Divide(a, b)
RESULT a / b
CASE EXCEPTION:
	Trace("CASE EXCEPTION: " + ExceptionInfo())
	RESULT -1
END:
	Trace("END: Divide")

PROCEDURE Quiet()
// a function that succeeds does not jump; ErrorOccurred is left as it was
n is int = Length("abc")
RESULT n
CASE ERROR:
	Trace("not reached")

PROCEDURE Outer()
// the error Load handled itself does not make Outer jump
Load("missing-file.txt")
RESULT "Outer went on"
CASE ERROR:
	RESULT "Outer jumped"
