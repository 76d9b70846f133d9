// One message with a large attachment on an asynchronous session (tests/email/
// test_spool_memory.py measures the peak memory of storing and delivering it).
s is emailSMTPSession
s.ServerAddress = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("SMTP_PORT"))
s.Asynchronous = emailAsynchronous
IF NOT EmailStartSession(s) THEN
	Error("cannot start: " + ErrorInfo())
	RETURN
END
m is Email
m.Sender = "ann@example.com"
m.Recipient = "bob@example.org"
m.Subject = "large, spooled"
m.Message = "The file is attached."
EmailLoadAttachment(m, SysEnvironment("ATTACHMENT"))
IF EmailSendMessage(s, m) THEN
	Trace("stored as " + m.ID)
ELSE
	Error(ErrorInfo())
END
EmailCloseSession(s)
