// Failures are not fatal: the script goes on and reads ErrorInfo.
s is emailSMTPSession
s.ServerAddress = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("DEAD_PORT"))
s.Name = "ann@example.com"
s.Password = SysEnvironment("SMTP_PASSWORD")
IF EmailStartSession(s) = False THEN
	Trace("start: " + ErrorInfo(errCode) + " " + ErrorOccurred)
	Trace(ErrorInfo())
END
m is Email
m.Sender = "ann@example.com"
m.Recipient = "bob@example.org"
IF EmailSendMessage(s, m) = False THEN Trace("send: " + ErrorInfo(errCode))
IF EmailSendMessage("nobody", m) = False THEN Trace("named: " + ErrorInfo(errCode))
ok is boolean = EmailStartSMTPSession("relay", SysEnvironment("SMTP_HOST"), Val(SysEnvironment("SMTP_PORT")))
Trace("relay " + ok + " " + ErrorOccurred)
m.Recipient = "nobody@example.org; bob@example.org"
IF EmailSendMessage("relay", m) = False THEN
	Trace("partial: " + ErrorInfo(errCode))
	Trace(ErrorInfo(errFullDetails))
END
m.Subject = "Bad" + CR + "Bcc: victim@example.org"
IF NOT EmailSendMessage("relay", m) THEN Trace("injection: " + ErrorInfo(errCode))
EmailCloseSession("relay")
Trace("end")
