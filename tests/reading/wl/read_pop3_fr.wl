// L'ancienne forme : une session POP3 nommée par l'utilisateur, en TLS implicite,
// lue dans la structure Email globale jusqu'à Email.EnDehors.
SI EmailOuvreSessionPOP3(SysEnvironnement("READ_USER"), SysEnvironnement("READ_PASSWORD"), ...
		SysEnvironnement("READ_HOST"), Val(SysEnvironnement("READ_POP3S_PORT")), optionSSL) = Faux ALORS
	Trace("ouverture impossible : " + ErreurInfo())
	RETOUR
FIN
Trace("messages : " + EmailNombreMessage(SysEnvironnement("READ_USER")))
EmailLitPremier(SysEnvironnement("READ_USER"))
TANTQUE PAS Email.EnDehors
	Trace("--- " + Email.Sujet)
	Trace("de : " + Email.Expéditeur)
	Trace("pièces jointes : " + Email.NbAttache)
	SI Email.NbAttache > 0 ALORS
		Trace("  " + Email.Attache[1])
	FIN
	EmailLitSuivant(SysEnvironnement("READ_USER"))
FIN
EmailFermeSession(SysEnvironnement("READ_USER"))
Trace("fin")
