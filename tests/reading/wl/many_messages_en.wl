// A mailbox of 10,000 messages over IMAP: count them, read them all through, delete
// every thousandth, and count again.
MySession is emailIMAPSession
MySession.ServerAddress = SysEnvironment("READ_HOST")
MySession.Port = Val(SysEnvironment("READ_IMAPS_PORT"))
MySession.Option = optionSSL
MySession.Name = SysEnvironment("READ_USER")
MySession.Password = SysEnvironment("READ_PASSWORD")
IF NOT EmailStartSession(MySession) THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END
Trace("messages: " + EmailNbMessage(MySession))
MyEmail is Email
n is int = 0
deleted is int = 0
wrong is int = 0
EmailReadFirst(MySession, MyEmail)
WHILE NOT MyEmail.Out
	n++
	IF MyEmail.Subject <> "Message " + n THEN
		wrong++
	END
	IF n modulo 1000 = 0 THEN
		IF EmailDeleteMessage(MySession) THEN
			deleted++
		END
	END
	EmailReadNext(MySession, MyEmail)
END
Trace("read: " + n)
Trace("out of order: " + wrong)
Trace("deleted: " + deleted)
Trace("left: " + EmailNbMessage(MySession))
EmailCloseSession(MySession)
