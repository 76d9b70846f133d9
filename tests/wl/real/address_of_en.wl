// exit: 1
// `&x`, a variable's address for a Windows API call: parsed, refused when the line runs.
n is int = 5
WHEN EXCEPTION IN
	Trace(&n)
DO
	Trace("caught: " + ExceptionInfo(errCode))
END
Trace("before")
Fill(0, &n)
Trace("never")

PROCEDURE Fill(handle is int, address is int)
Trace("never: the argument is refused first", handle, address)
