// EmailConstruitSource en fonction, avec et sans options, sur un Email et sur la structure Email ; les constantes de priorité sous leurs noms français
m est un Email
m.Expéditeur = "Anne <anne@exemple.fr>"
Ajoute(m.Destinataire, "bruno@exemple.fr")
Ajoute(m.Cci, "cache@exemple.fr")
m.Sujet = "Forme fonction"
m.Message = "Corps"
m.Priorité = emailPrioritéBasse
Info(EmailConstruitSource(m, emailOptionHeaderBcc + emailOptionEncodeHeader))
Info(Contient(m.Source, "Bcc: cache@exemple.fr"), Contient(m.Source, "X-Priority: 5"))
m.Priorité = emailPrioritéNormale
Info(EmailConstruitSource(m))
Info(Contient(m.Source, "Bcc:"), Contient(m.Source, "X-Priority: 3"), m.ID <> "")
Email.Expéditeur = "Anne <anne@exemple.fr>"
Email.Destinataire[1] = "carl@exemple.fr"
Email.Sujet = "La structure"
Email.Message = "Salut"
Info(EmailConstruitSource())
gardée est une chaîne = Email.Source
Email.Sujet = ""
Email.Source = gardée
Info(EmailImporteSource(), Email.Sujet, Email.Destinataire[1])
// Erreur() sans argument, comme l'écrivent les exemples de PC SOFT : une ligne vide sur stderr
Erreur()
Erreur("après Erreur()")
