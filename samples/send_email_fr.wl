// Envoi d'un email par un serveur SMTP authentifié (STARTTLS sur le port 587),
// écrit avec les noms français de WLangage. Le mot de passe vient de l'environnement :
//
//     SMTP_PASSWORD='...' wlmail run send_email_fr.wl
//
// Pour voir ce qui partirait, sans rien envoyer :
//
//     wlmail run --capture /tmp/boite send_email_fr.wl

MaSession est une emailSessionSMTP
MaSession.AdresseServeur = "smtp.example.com"
MaSession.Port = 587
MaSession.Option = emailOptionSécuriséTLS
MaSession.Nom = "anne@example.com"
MaSession.MotDePasse = SysEnvironment("SMTP_PASSWORD")

SI MaSession.OuvreSession() = Faux ALORS
	Erreur("Impossible d'ouvrir la session SMTP.", ErreurInfo())
	RETOUR
FIN

MonMessage est un Email
MonMessage.Expéditeur = "Anne Exemple <anne@example.com>"
Ajoute(MonMessage.Destinataire, "jules@example.fr")
MonMessage.Sujet = "Compte rendu de la réunion"
MonMessage.Message = "Bonjour Jules," + RC + RC + ...
	"voici le compte rendu de la réunion de lundi." + RC + RC + ...
	"Anne" + RC

SI MaSession.EnvoieMessage(MonMessage) ALORS
	Info("Message envoyé à " + MonMessage.Destinataire[1] + ".")
SINON
	Erreur("Le message n'est pas parti.", ErreurInfo())
FIN
MaSession.FermeSession()
