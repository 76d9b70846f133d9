// The older way, still common in WINDEV projects: a session named by its user name
// (EmailStartSMTPSession) and the predeclared Email structure with its Nb* counters.
//
//     SMTP_PASSWORD='...' wlmail run email_legacy.wl
//     wlmail run --capture /tmp/outbox email_legacy.wl      (nothing is sent)

sUser is string = "ann@example.com"

IF EmailStartSMTPSession(sUser, SysEnvironment("SMTP_PASSWORD"), "smtp.example.com", ...
		587, emailSynchronous, emailOptionSecuredTLS) = False THEN
	Error("Unable to start the SMTP session.", ErrorInfo())
	RETURN
END

EmailReset()
Email.Sender = sUser
Email.Recipient[1] = "bob@example.org"
Email.Recipient[2] = "carol@example.org"
Email.NbRecipient = 2
Email.Subject = "Weekly figures"
Email.Message = "Hello," + CR + "the weekly figures are unchanged." + CR

IF EmailSendMessage(sUser) = False THEN
	Error("The message was not sent.", ErrorInfo(errMessage))
ELSE
	Info("Sent to " + Email.NbRecipient + " recipients.")
END
EmailCloseSession(sUser)
