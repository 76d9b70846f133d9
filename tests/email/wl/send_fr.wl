// Tout en français : type, propriétés, constantes, fonctions et méthodes.
MaSession est une emailSessionSMTP
MaSession.AdresseServeur = SysEnvironment("SMTP_HOST")
MaSession.Port = Val(SysEnvironment("SMTP_PORT"))
MaSession.Option = emailOptionSécuriséTLS
MaSession.Nom = SysEnvironment("SMTP_USER")
MaSession.MotDePasse = SysEnvironment("SMTP_PASSWORD")

SI EmailOuvreSession(MaSession) = Faux ALORS
	Erreur("Impossible d'ouvrir la session", ErreurInfo())
	RETOUR
FIN

MonMessage est un Email
MonMessage.Expéditeur = SysEnvironment("SMTP_USER")
Ajoute(MonMessage.Destinataire, "jules@example.fr")
TableauAjoute(MonMessage.Cci, "archives@example.fr")
MonMessage.Sujet = "Réunion à 10 h"
MonMessage.Message = "Bonjour Jules," + RC + "à tout à l'heure."
MonMessage.Priorité = emailPrioritéBasse

SI MaSession.EnvoieMessage(MonMessage) ALORS
	Trace("envoyé")
SINON
	Trace("échec : " + ErreurInfo())
FIN
MaSession.FermeSession()
