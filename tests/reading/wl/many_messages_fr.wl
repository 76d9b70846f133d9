// Une boîte de 10 000 messages en POP3 : les compter, les lire tous, supprimer le
// premier et le dernier, fermer (POP3 supprime à la fermeture), recompter.
SI PAS EmailOuvreSessionPOP3(SysEnvironnement("READ_USER"), SysEnvironnement("READ_PASSWORD"), ...
		SysEnvironnement("READ_HOST"), Val(SysEnvironnement("READ_POP3S_PORT")), optionSSL) ALORS
	Trace("ouverture impossible : " + ErreurInfo())
	RETOUR
FIN
Utilisateur est une chaîne = SysEnvironnement("READ_USER")
Trace("messages : " + EmailNombreMessage(Utilisateur))
n est un entier = 0
EmailLitPremier(Utilisateur)
EmailSupprimeMessage(Utilisateur)
TANTQUE PAS Email.EnDehors
	n++
	SI n = 10000 ALORS
		EmailSupprimeMessage(Utilisateur)
	FIN
	EmailLitSuivant(Utilisateur)
FIN
Trace("lus : " + n)
EmailFermeSession(Utilisateur)
EmailOuvreSessionPOP3(Utilisateur, SysEnvironnement("READ_PASSWORD"), ...
		SysEnvironnement("READ_HOST"), Val(SysEnvironnement("READ_POP3S_PORT")), optionSSL)
Trace("restent : " + EmailNombreMessage(Utilisateur))
EmailFermeSession(Utilisateur)
