// Legacy positional forms: a session named by its user, the global Email structure.
sUser is string = SysEnvironment("SMTP_USER")
IF EmailStartSMTPSession(sUser, SysEnvironment("SMTP_PASSWORD"), SysEnvironment("SMTP_HOST"), ...
		Val(SysEnvironment("SMTP_PORT")), False, emailOptionSecuredTLS) = False THEN
	Error("EmailStartSMTPSession failed", ErrorInfo())
	RETURN
END
EmailReset()
Email.Sender = sUser
Email.Recipient[1] = "first@example.org"
Email.Recipient[2] = "second@example.org"
Email.Recipient[3] = "not-sent@example.org"
Email.NbRecipient = 2
Email.Subject = "Legacy structure"
Email.Message = "Sent with the Email structure"
Email.Attach[1] = "report.pdf"
Email.NbAttach = 1
IF EmailSendMessage(sUser) = False THEN
	Trace("failed: " + ErrorInfo(errMessage))
ELSE
	Trace("sent 1")
END
// A second message: Email.Recipient = "x" sets the first one only.
EmailReset()
Email.Sender = sUser
Email.Recipient = "only@example.org"
Email.Subject = "Second"
Email.Message = "Second message"
Trace("count " + Email.NbRecipient)
IF EmailSendMessage(sUser) THEN Trace("sent 2")
EmailCloseSession(sUser)
// After closing, the name is no longer a session.
IF EmailSendMessage(sUser) = False THEN Trace("closed: " + ErrorInfo(errCode))
