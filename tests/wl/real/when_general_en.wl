// exit: 1
// WHEN EXCEPTION without IN: a general exception handler for the rest of the procedure
// and what it calls (help.windev.com/?3034001; our reading in docs/language.md).
Guarded(2)
Trace("the caller goes on")
WithLabel()
WHEN EXCEPTION
	Trace("main code handled: " + ExceptionInfo())
	Risky(0)    // an error in the handler is not caught by the handler itself
END
Risky(0)
Trace("not reached: the main code ends")

PROCEDURE Risky(n is int)
Trace("risky " + n)
Trace(10 / n)
Trace("not reached when n is 0")

PROCEDURE Guarded(n is int): int
Trace("before the handler")
WHEN EXCEPTION
	Trace("handled: " + ExceptionInfo())
END
Risky(n)
WHEN EXCEPTION IN
	Risky(0)
DO
	Trace("the nearer WHEN EXCEPTION IN comes first")
END
Risky(0)
Trace("not reached either")
RESULT 1

PROCEDURE WithLabel()
WHEN EXCEPTION
	Trace("general handler before CASE EXCEPTION:")
END
Risky(0)
CASE EXCEPTION:
	Trace("not run: the general handler caught it")
