// The spool benchmark's script (run by bench/spool.py): WLMAIL_BENCH_COUNT messages on
// one session, synchronous or asynchronous as WLMAIL_BENCH_ASYNC says.
s is emailSMTPSession
s.ServerAddress = "127.0.0.1"
s.Port = Val(SysEnvironment("WLMAIL_BENCH_PORT"))
s.Asynchronous = (SysEnvironment("WLMAIL_BENCH_ASYNC") = "1")
n is int = Val(SysEnvironment("WLMAIL_BENCH_COUNT"))

IF EmailStartSession(s) = False THEN
	Error("cannot start the session: " + ErrorInfo())
	RETURN
END
Trace("started")
failed is int = 0
FOR i = 1 TO n
	m is Email
	m.Sender = "Bench Sender <bench@example.com>"
	m.Recipient.Add("rcpt" + i + "@example.org")
	m.Subject = "Benchmark message " + i
	m.Message = "Hello," + CR + "this is benchmark message number " + i + "." + CR
	IF EmailSendMessage(s, m) = False THEN
		failed++
		IF failed = 1 THEN Error(ErrorInfo())
	END
END
Trace("returned " + (n - failed) + " of " + n)
