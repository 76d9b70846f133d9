// EmailStartSMTPSession(User [, Password], Server [, Port [, Async [, Option]]]) without
// its password: the second argument is the server (the third is a number, or the fourth
// the asynchronous boolean). `wlmail check` reads it as the run-time does: no password
// written in the script, no authentication in clear, the server not masked.
nPort is int = Val(SysEnvironment("SMTP_PORT"))
IF EmailStartSMTPSession("robot", "127.0.0.1", nPort, True) THEN
	Trace("started on 127.0.0.1 without a password, asynchronous")
ELSE
	Trace("cannot start: " + ErrorInfo())
END
EmailCloseSession("robot")
IF EmailStartSMTPSession("relay", "127.0.0.1", nPort, False, emailOptionDefault) THEN
	Trace("started again, synchronous")
END
EmailCloseSession("relay")
