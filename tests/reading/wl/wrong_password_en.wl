// A wrong password: EmailStartSession answers False, ErrorInfo says why, the script goes on.
MySession is emailPOP3Session
MySession.ServerAddress = SysEnvironment("READ_HOST")
MySession.Port = Val(SysEnvironment("READ_POP3_PORT"))
MySession.Option = emailOptionSecuredTLS
MySession.Name = SysEnvironment("READ_USER")
MySession.Password = "not-the-password"
Trace("started: " + EmailStartSession(MySession))
Trace("error: " + Replace(ErrorInfo(), SysEnvironment("READ_POP3_PORT"), "PORT"))
Trace("read: " + EmailReadFirst(MySession))
Trace("still running")
