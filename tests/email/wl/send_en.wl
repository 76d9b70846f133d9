// A session variable over STARTTLS with password AUTH, an Email with text, HTML,
// copies, a blind copy and two attachments (one with accents in its name).
MySession is emailSMTPSession
MySession.ServerAddress = SysEnvironment("SMTP_HOST")
MySession.Port = Val(SysEnvironment("SMTP_PORT"))
MySession.Option = emailOptionSecuredTLS
MySession.Name = SysEnvironment("SMTP_USER")
MySession.Password = SysEnvironment("SMTP_PASSWORD")

IF MySession.StartSession() = False THEN
	Error("Unable to start the session", ErrorInfo())
	RETURN
END

MyEmail is Email
MyEmail.Sender = "Ann Example <" + SysEnvironment("SMTP_USER") + ">"
MyEmail.Recipient.Add("bob@example.org")
Add(MyEmail.Recipient, "Carol <carol@example.org>")
MyEmail.Cc = "dave@example.org"
ArrayAdd(MyEmail.Bcc, "eve@example.net")
MyEmail.Subject = "Quarterly report — Q3 résumé"
MyEmail.Message = "Hello Bob," + CR + "the report is attached." + CR
MyEmail.HTML = "<p>Hello Bob,</p><p>the report is <b>attached</b>.</p>"
MyEmail.Priority = emailPriorityHigh
MyEmail.ReplyTo = "reports@example.com"
EmailLoadAttachment(MyEmail, "report.pdf")
EmailLoadAttachment(MyEmail, fCurrentDir() + [fSep] + "données.csv")

IF EmailSendMessage(MySession, MyEmail) THEN
	Trace("sent " + Length(MyEmail.MessageID))
ELSE
	Trace("failed: " + ErrorInfo())
END
EmailCloseSession(MySession)
Trace("done")
