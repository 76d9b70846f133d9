// Mode asynchrone, forme ancienne : EmailOuvreSessionSMTP(Utilisateur, Serveur, Port,
// Asynchrone), la structure Email, EmailEtat(Email.IdentifiantMail).
SI PAS EmailOuvreSessionSMTP("robot", SysEnvironnement("SMTP_HOST"), Val(SysEnvironnement("SMTP_PORT")), Vrai) ALORS
	Trace("ouverture impossible : " + ErreurInfo())
	RETOUR
FIN
Email.Expéditeur = "ann@example.com"
Email.Destinataire[1] = "bob@example.org"
Email.NbDestinataire = 1
Email.Sujet = "asynchrone, accepté"
Email.Message = "Bonjour Bob"
SI EmailEnvoieMessage("robot") ALORS Trace("rangé sous le numéro " + Email.IdentifiantMail)
n est un entier = 0
TANTQUE EmailEtat(Email.IdentifiantMail) = emailEnAttente ET n < 1000
	Multitâche(1)
	n++
FIN
SELON EmailEtat(Email.IdentifiantMail)
	CAS emailEnvoyé : Trace("envoyé")
	CAS emailEnAttente : Trace("toujours en attente")
	CAS emailErreur : Trace("erreur : " + ErreurInfo(errMessage))
FIN
EmailFermeSession("robot")
