// EmailEnvoie(session, fichier) : l'enveloppe (Cci comprise) vient de la structure Email, les données du fichier
s est une emailSessionSMTP
s.AdresseServeur = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("SMTP_PORT"))
SI PAS EmailOuvreSession(s) ALORS
	Info("pas ouverte", ErreurInfo())
	RETOUR
FIN
Email.Expéditeur = "anne@exemple.fr"
Email.Destinataire[1] = "bruno@exemple.fr"
Email.Cci[1] = "archives@exemple.fr"
Email.Sujet = "depuis un fichier"
Email.Message = "gardé dans un fichier"
EmailConstruitSource()
fSauveTexte("sortie.eml", Email.Source)
Info(EmailEnvoie(s, "sortie.eml"))
EmailFermeSession(s)
