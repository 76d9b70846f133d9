// Reads the INBOX over IMAP with STARTTLS into an Email variable, prints what it read,
// deletes the message with an attachment, and counts again.
MySession is emailIMAPSession
MySession.ServerAddress = SysEnvironment("READ_HOST")
MySession.Port = Val(SysEnvironment("READ_IMAP_PORT"))
MySession.Option = emailOptionSecuredTLS
MySession.Name = SysEnvironment("READ_USER")
MySession.Password = SysEnvironment("READ_PASSWORD")

IF EmailStartSession(MySession) = False THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END
Trace("messages: " + EmailNbMessage(MySession))

MyEmail is Email
IF EmailReadFirst(MySession, MyEmail) THEN
	WHILE NOT MyEmail.Out
		Trace("--- " + MyEmail.Subject)
		Trace("from: " + MyEmail.Sender)
		Trace("to: " + MyEmail.Recipient[1])
		Trace("id: " + MyEmail.MessageID)
		Trace("text: " + MyEmail.Message)
		Trace("html: " + MyEmail.HTML)
		Trace("received: " + Length(MyEmail.ReceiveDate))
		Trace("attachments: " + ArrayCount(MyEmail.Attach))
		FOR EACH att OF MyEmail.Attach
			Trace("  " + att.Name + " " + att.ContentType)
			EmailDeleteMessage(MySession)
		END
		EmailReadNext(MySession, MyEmail)
	END
END
Trace("left: " + EmailNbMessage(MySession))
EmailCloseSession(MySession)
