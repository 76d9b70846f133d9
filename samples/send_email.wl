// Send one email through an authenticated SMTP server: STARTTLS on port 587, then
// AUTH with a password. The password is read from the environment, never written here:
//
//     SMTP_PASSWORD='...' wlmail run send_email.wl
//
// To see what would be sent without sending anything:
//
//     wlmail run --capture /tmp/outbox send_email.wl
//
// (Put your own server, user name, sender and recipient below.)

MySession is emailSMTPSession
MySession.ServerAddress = "smtp.example.com"
MySession.Port = 587
MySession.Option = emailOptionSecuredTLS
MySession.Name = "ann@example.com"
MySession.Password = SysEnvironment("SMTP_PASSWORD")

IF EmailStartSession(MySession) = False THEN
	Error("Unable to start the SMTP session.", ErrorInfo(), ...
		"In case of a time-out, check that the firewall lets port " + ...
		MySession.Port + " through.")
	RETURN
END

MyEmail is Email
MyEmail.Sender = "Ann Example <ann@example.com>"
MyEmail.Recipient.Add("bob@example.org")
MyEmail.Subject = "Hello from a WLanguage script"
MyEmail.Message = "Hello Bob," + CR + CR + ...
	"this message was sent by a WLanguage script run with wlmail." + CR + CR + ...
	"Ann" + CR

IF EmailSendMessage(MySession, MyEmail) THEN
	Info("Message sent to " + MyEmail.Recipient[1] + ".")
ELSE
	Error("The message was not sent.", ErrorInfo())
END
EmailCloseSession(MySession)
