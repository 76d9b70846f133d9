// STARTTLS sur un port TLS implicite : l'erreur dit que le port attend optionSSL
EmailChangeTimeOut("1 s")
s est une emailSessionSMTP
s.AdresseServeur = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("SMTP_PORT"))
s.Option = emailOptionSécuriséTLS
SI PAS EmailOuvreSession(s) ALORS
	Info(ErreurInfo(errCode), Contient(ErreurInfo(errMessage), "optionSSL"))
FIN
s.Option = optionSSL
Info(EmailOuvreSession(s))
