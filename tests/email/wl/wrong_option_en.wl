// STARTTLS aimed at an implicit-TLS port: the error says the port expects optionSSL
EmailSetTimeOut("1 s")
s is emailSMTPSession
s.ServerAddress = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("SMTP_PORT"))
s.Option = emailOptionSecuredTLS
IF NOT EmailStartSession(s) THEN
	Info(ErrorInfo(errCode), Contains(ErrorInfo(errMessage), "optionSSL"))
END
s.Option = optionSSL
Info(EmailStartSession(s))
