// optionSSL: TLS from the first byte; the French name of the legacy function.
IF EmailOuvreSessionSMTP("ann@example.com", SysEnvironment("SMTP_PASSWORD"), SysEnvironment("SMTP_HOST"), ...
		Val(SysEnvironment("SMTP_PORT")), emailSynchronous, optionSSL) THEN
	m is Email
	m.Expediteur = "ann@example.com"
	m.Destinataire = "zoe@example.fr"
	m.Sujet = "TLS implicite"
	m.Message = "ok"
	Trace(EmailEnvoieMessage("ann@example.com", m, emailOptionEncodeHeader))
	EmailFermeSession("ann@example.com")
ELSE
	Trace(ErreurInfo())
END
