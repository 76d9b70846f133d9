// EmailStartSession(User, Password, POP3 server, SMTP server, POP3 port, SMTP port):
// the POP3 part reads the Maildir the test gives with --mailbox, the SMTP part sends.
IF EmailStartSession(SysEnvironment("SMTP_USER"), SysEnvironment("SMTP_PASSWORD"), "pop3.invalid", ...
		SysEnvironment("SMTP_HOST"), 110, Val(SysEnvironment("SMTP_PORT"))) = False THEN
	Error("EmailStartSession failed", ErrorInfo())
	RETURN
END
Email.Recipient[1] = "bob@example.org"
Email.NbRecipient = 1
Email.Subject = "Legacy EmailStartSession"
Email.Message = "Hello"
Add(Email.Cc, "cc@example.org")
Trace("nbcc " + Email.NbCc)
IF EmailSendMessage(SysEnvironment("SMTP_USER")) THEN Trace("sent")
EmailCloseSession(SysEnvironment("SMTP_USER"))
