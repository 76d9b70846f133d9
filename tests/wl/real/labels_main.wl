// labels in the main code, and END: after RETURN
Trace(Early(True))
Trace(Early(False))
t is string = fLoadText("absent.txt")
Trace("not reached")
CASE ERROR:
	Trace("main: CASE ERROR:")
END:
	Trace("main: END:")

PROCEDURE Early(stop is boolean)
IF stop THEN RESULT "stopped"
RESULT "ran"
END:
	Trace("END: Early")
