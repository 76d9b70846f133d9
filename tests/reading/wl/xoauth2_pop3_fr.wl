// XOAUTH2 en POP3 (STLS) : le jeton d'accès de la session au lieu du mot de passe.
MaSession est un emailSessionPOP3
MaSession.AdresseServeur = SysEnvironnement("READ_HOST")
MaSession.Port = Val(SysEnvironnement("READ_POP3_PORT"))
MaSession.Option = emailOptionSecuredTLS
MaSession.Nom = SysEnvironnement("READ_USER")
MonJeton est un AuthToken
MonJeton.Valeur = SysEnvironnement("READ_TOKEN")
MaSession.AuthToken = MonJeton
SI EmailOuvreSession(MaSession) = Faux ALORS
	Trace("ouverture impossible : " + ErreurInfo())
	RETOUR
FIN
Trace("messages : " + EmailNombreMessage(MaSession))
EmailLitPremier(MaSession)
Trace("premier : " + Email.Sujet)
EmailFermeSession(MaSession)

MonJeton.Valeur = "jeton-inconnu-du-serveur"
MaSession.AuthToken = MonJeton
Trace("refusé : " + EmailOuvreSession(MaSession))
Trace("erreur : " + Remplace(ErreurInfo(), SysEnvironnement("READ_POP3_PORT"), "PORT"))
Trace("fin")
