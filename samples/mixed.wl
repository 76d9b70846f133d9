// English and French freely mixed, as WINDEV's editor allows.
Destinataires is array of strings
Ajoute(Destinataires, "ann@example.com")
Add(Destinataires, "bob@example.com")
SI ArrayCount(Destinataires) = 2 THEN
	POUR TOUT d DE Destinataires
		Trace("to: " + d)
	END
FIN
QUAND EXCEPTION DANS
	Destinataires[5] = "out of range"
DO
	Info("caught: " + ExceptionInfo(errMessage))
END
