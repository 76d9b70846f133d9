// Memory benchmark (run by bench/memory.py): one message with a large attachment.
s is emailSMTPSession
s.ServerAddress = "127.0.0.1"
s.Port = Val(SysEnvironment("WLMAIL_BENCH_PORT"))

IF EmailStartSession(s) = False THEN
	Error("cannot start the session: " + ErrorInfo())
	RETURN
END
m is Email
m.Sender = "Bench Sender <bench@example.com>"
m.Recipient.Add("rcpt@example.org")
m.Subject = "Large attachment"
m.Message = "The file is attached."
EmailLoadAttachment(m, SysEnvironment("WLMAIL_BENCH_FILE"))
IF EmailSendMessage(s, m) THEN
	Info("sent 1 of 1")
ELSE
	Error(ErrorInfo())
END
EmailCloseSession(s)
