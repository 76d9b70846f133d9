// The emailSMTPSession example of the WINDEV documentation, completed: an OAuth 2.0
// token from Google, then XOAUTH2 over STARTTLS, then a real message.
//
//   wlmail run --capture /tmp/outbox send_with_oauth.wl   sends nothing, shows the message
//   wlmail run send_with_oauth.wl                         signs in with a browser, sends
//
// For a real run, put your application's values below (docs/oauth.md, "Gmail").

Session is emailSMTPSession
Google is OAuth2Parameters

Google.ClientID = "your-application-id.apps.googleusercontent.com"
Google.ClientSecret = SysEnvironment("GOOGLE_CLIENT_SECRET")
Google.AuthURL = "https://accounts.google.com/o/oauth2/auth"
Google.TokenURL = "https://accounts.google.com/o/oauth2/token"
Google.Scope = "https://mail.google.com/"
Google.RedirectionURL = "http://localhost:9000"
Google.ResponseType = oauth2ResponseTypeCode

Session.ServerAddress = "smtp.gmail.com"
Session.Name = "me@gmail.com"
Session.Port = 587
Session.Option = emailOptionSecuredTLS
Session.AuthToken = AuthIdentify(Google)

IF Session.AuthToken = Null THEN
	Error("No access token: " + ErrorInfo())
	RETURN
END
IF EmailStartSession(Session) = False THEN
	Error("Unable to start the SMTP session.", ErrorInfo(), ...
		"In case of time-out, check that the firewall lets port " + ...
		Session.Port + " through.")
	RETURN
END

Message is Email
Message.Sender = "Me <me@gmail.com>"
Message.Recipient.Add("colleague@example.com")
Message.Subject = "Weekly report — semaine 48"
Message.Message = "Hello," + CR + CR + "the report is attached." + CR
EmailLoadAttachment(Message, "email_attachment_report.csv")

IF EmailSendMessage(Session, Message) THEN
	Info("Sent to " + Message.Recipient[1] + ": " + Message.Subject)
ELSE
	Error("Not sent: " + ErrorInfo())
END
EmailCloseSession(Session)
