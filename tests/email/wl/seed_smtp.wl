// The SMTP lines of the documentation's example, with the token from the environment
// instead of AuthIdentify: STARTTLS, XOAUTH2, and a message whose lines were elided.
MySMTPSession is emailSMTPSession

// OAuth authentication
MySMTPSession.ServerAddress = SysEnvironment("SMTP_HOST")
MySMTPSession.Name = SysEnvironment("SMTP_USER")
MySMTPSession.Password = SysEnvironment("SMTP_PASSWORD")
MySMTPSession.Port = Val(SysEnvironment("SMTP_PORT"))
MySMTPSession.Option = emailOptionSecuredTLS
MySMTPSession.AuthToken = SysEnvironment("SMTP_TOKEN")

// If the authentication was successful, log in to email inbox
IF MySMTPSession.AuthToken <> Null THEN
	IF EmailStartSession(MySMTPSession) = False THEN
		// Error while starting the session
		Error("Unable to start the SMTP session.", ErrorInfo(), ...
			"In case of timeout, check the parameters of the " + ...
			"""Firewall"" on the port used (" + ...
			MySMTPSession.Port + ")")
		RETURN
	END
	// Send a message
	MyEmail is Email
	...
	EmailSendMessage(MySMTPSession, MyEmail)
	Trace(ErrorInfo())
	...
	EmailCloseSession(MySMTPSession)
ELSE
	// Authentication error
END
