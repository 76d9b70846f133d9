// Les dossiers IMAP (TLS implicite) : créer, lister, copier, déplacer, supprimer un
// message, changer de dossier, supprimer un dossier. Le même script tourne hors ligne
// avec --mailbox DOSSIER (les dossiers sont alors des sous-dossiers Maildir++).
MaSession est un emailSessionIMAP
MaSession.AdresseServeur = SysEnvironnement("READ_HOST")
MaSession.Port = Val(SysEnvironnement("READ_IMAPS_PORT"))
MaSession.Option = optionSSL
MaSession.Nom = SysEnvironnement("READ_USER")
MaSession.MotDePasse = SysEnvironnement("READ_PASSWORD")
SI PAS EmailOuvreSession(MaSession) ALORS
	Trace("ouverture impossible : " + ErreurInfo())
	RETOUR
FIN
Trace("dossier : " + EmailDossierEnCours(MaSession))
Trace("crée : " + EmailCréeDossier(MaSession, "Archives") + " " + EmailCréeDossier(MaSession, "Reçus/2026"))
POUR TOUTE CHAÎNE d DE EmailListeDossier(MaSession) SÉPARÉE PAR RC
	Trace("  " + d)
FIN

M est un Email
EmailLitPremier(MaSession, M)
Trace("copie : " + M.Sujet + " " + EmailCopieMessage(MaSession, "Archives"))
EmailLitSuivant(MaSession, M)
Trace("déplace : " + M.Sujet + " " + EmailDéplaceMessage(MaSession, M, "Reçus/2026"))
Trace("reste : " + EmailNombreMessage(MaSession))
Trace("déplacer encore : " + EmailDéplaceMessage(MaSession, "Archives") + " " + ErreurInfo())
EmailLitSuivant(MaSession, M)
Trace("supprime : " + M.Sujet + " " + EmailSupprimeMessage(MaSession))
Trace("reste : " + EmailNombreMessage(MaSession))
Trace("suivant : " + EmailLitSuivant(MaSession, M) + " " + M.EnDehors)

Trace("change : " + EmailChangeDossier(MaSession, "Reçus/2026") + " " + EmailDossierEnCours(MaSession) + " " + EmailNombreMessage(MaSession))
EmailLitPremier(MaSession, M)
Trace("  " + M.Sujet + ", pièces jointes : " + TableauOccurrence(M.Attache) + ", lu : " + (M.Statut = emailStatutLu))
Trace("  non lu : " + EmailChangeStatut(MaSession, M, emailStatutNonLu) + " " + TableauOccurrence(EmailRécupèreTout(MaSession, ertNonLu)))
Trace("change : " + EmailChangeDossier(MaSession, "Archives") + " " + EmailDossierEnCours(MaSession) + " " + EmailNombreMessage(MaSession))
EmailLitDernier(MaSession, M)
Trace("  " + M.Sujet)
Trace("supprime le dossier en cours : " + EmailSupprimeDossier(MaSession, "Archives"))
Trace("  " + ErreurInfo())
Trace("change : " + EmailChangeDossier(MaSession, "INBOX") + " " + EmailDossierEnCours(MaSession) + " " + EmailNombreMessage(MaSession))
Trace("supprime le dossier : " + EmailSupprimeDossier(MaSession, "Archives"))
POUR TOUTE CHAÎNE d DE EmailListeDossier(MaSession) SÉPARÉE PAR RC
	Trace("  " + d)
FIN
Trace("dossier inconnu : " + EmailChangeDossier(MaSession, "Nulle part") + " " + ErreurDétectée + " " + EmailDossierEnCours(MaSession))
EmailFermeSession(MaSession)
