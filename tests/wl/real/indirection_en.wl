// exit: 1
// indirection names a control or a variable at run time: warned about, refused when it runs
Trace("start")
n is int = 1
IF n = 2 THEN {"EDT_Name" + n, indControl} = "never"
WHEN EXCEPTION IN
	{"BTN_Send"}..Visible = False
DO
	Trace("caught: " + ExceptionInfo(errCode))
END
Trace({"IMG" + n})
Trace("not reached")
