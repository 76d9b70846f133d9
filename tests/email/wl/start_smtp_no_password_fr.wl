// EmailOuvreSessionSMTP(Utilisateur [, MotDePasse], Serveur [, Port [, Asynchrone
// [, Option]]]) sans mot de passe : le deuxième paramètre est le serveur. `wlmail check`
// le lit comme l'exécution : ni mot de passe écrit, ni authentification en clair.
nPort est un entier = Val(SysEnvironnement("SMTP_PORT"))
SI EmailOuvreSessionSMTP("robot", "127.0.0.1", nPort, Vrai) ALORS
	Trace("ouverte sur 127.0.0.1 sans mot de passe, asynchrone")
SINON
	Trace("impossible : " + ErreurInfo())
FIN
EmailFermeSession("robot")
SI EmailOuvreSessionSMTP("relais", "127.0.0.1", nPort, emailSynchrone) ALORS
	Trace("ouverte de nouveau, synchrone")
FIN
EmailFermeSession("relais")
