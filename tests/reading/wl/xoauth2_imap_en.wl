// XOAUTH2 over IMAP (implicit TLS): the session's AuthToken instead of a password, as
// Gmail and Microsoft 365 require; then a token the server refuses.
MySession is emailIMAPSession
MySession.ServerAddress = SysEnvironment("READ_HOST")
MySession.Port = Val(SysEnvironment("READ_IMAPS_PORT"))
MySession.Option = optionSSL
MySession.Name = SysEnvironment("READ_USER")
MyToken is AuthToken
MyToken.Value = SysEnvironment("READ_TOKEN")
MySession.AuthToken = MyToken
IF EmailStartSession(MySession) = False THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END
Trace("messages: " + EmailNbMessage(MySession))
MyEmail is Email
EmailReadFirst(MySession, MyEmail)
Trace("first: " + MyEmail.Subject)
EmailCloseSession(MySession)

MyToken.Value = "not-issued-by-the-server"
MySession.AuthToken = MyToken
Trace("forged: " + EmailStartSession(MySession))
Trace("error: " + Replace(ErrorInfo(), SysEnvironment("READ_IMAPS_PORT"), "PORT"))
Trace("still running")
