// EmailSend(session, file): the envelope (Bcc included) from the Email structure, the data from the file
s is emailSMTPSession
s.ServerAddress = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("SMTP_PORT"))
IF NOT EmailStartSession(s) THEN
	Info("not started", ErrorInfo())
	RETURN
END
Email.Sender = "ann@example.com"
Email.Recipient[1] = "bob@example.org"
Email.Bcc[1] = "archive@example.net"
Email.Subject = "from a file"
Email.Message = "kept as a file, sent later"
EmailBuildSource()
fSaveText("out.eml", Email.Source)
Info(EmailSend(s, "out.eml"))
EmailCloseSession(s)
