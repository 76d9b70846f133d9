// Send one message through Gmail with OAuth 2.0, as in PC SOFT's emailSMTPSession example.
// Set-up (once): docs/oauth.md, "Gmail". The application's values stay out of the code,
// in oauth.ini beside this script:
//
//   [Google]
//   ClientID=123456789012-abc.apps.googleusercontent.com
//   ClientSecret=GOCSPX-...
//   Mailbox=you@gmail.com
//
// Run:  wlmail run oauth_gmail.wl -- someone@example.com
// The first run opens the browser to sign in; later runs reuse the stored token
// (`wlmail auth list` shows it, `wlmail auth clear` forgets it).

IniFile is string = fCurrentDir() + [fSep] + "oauth.ini"
Mailbox is string = INIRead("Google", "Mailbox", "", IniFile)
IF Mailbox = "" THEN
	Error("Put the ClientID, ClientSecret and Mailbox in " + IniFile + " (see docs/oauth.md).")
	RETURN
END

OAuthGoogle is OAuth2Parameters
OAuthGoogle.ClientID = INIRead("Google", "ClientID", "", IniFile)
OAuthGoogle.ClientSecret = INIRead("Google", "ClientSecret", "", IniFile)
OAuthGoogle.AuthURL = "https://accounts.google.com/o/oauth2/v2/auth"
OAuthGoogle.TokenURL = "https://oauth2.googleapis.com/token"
OAuthGoogle.Scope = "https://mail.google.com/"
OAuthGoogle.RedirectionURL = "http://localhost:9000"
OAuthGoogle.ResponseType = oauth2ResponseTypeCode
// One stored token per mailbox, and Google's account chooser preselects it.
OAuthGoogle.AdditionalParameters = "login_hint=" + Mailbox

MySession is emailSMTPSession
MySession.ServerAddress = "smtp.gmail.com"
MySession.Port = 587
MySession.Option = emailOptionSecuredTLS
MySession.Name = Mailbox
MySession.AuthToken = AuthIdentify(OAuthGoogle)

IF MySession.AuthToken = Null THEN
	Error("Google did not give an access token: " + ErrorInfo())
	RETURN
END

IF NOT EmailStartSession(MySession) THEN
	Error("Unable to start the SMTP session: " + ErrorInfo())
	RETURN
END

MyEmail is Email
MyEmail.Sender = Mailbox
Recipient is string = CommandLine(1)
IF Recipient = "" THEN Recipient = Mailbox
MyEmail.Recipient.Add(Recipient)
MyEmail.Subject = "Sent by wlmail with OAuth 2.0"
MyEmail.Message = "This message was sent through smtp.gmail.com with an OAuth 2.0 token."
IF EmailSendMessage(MySession, MyEmail) THEN
	Info("Message sent to " + Recipient)
ELSE
	Error("The message was not sent: " + ErrorInfo())
END
EmailCloseSession(MySession)
