// .ConstruitSource(), .ImporteSource(), EmailImporteSource, .ChargeFichierAttaché(), fChargeBuffer / fSauveBuffer
fSauveBuffer("rapport.bin", "octets du rapport")
b est un Buffer = fChargeBuffer("rapport.bin")
Info(Taille(b))
m est un Email
m.Expéditeur = "Anne <anne@exemple.fr>"
Ajoute(m.Destinataire, "bruno@exemple.fr")
Ajoute(m.Cci, "cache@exemple.fr")
m.Sujet = "Rapport du mois"
m.Message = "Le voici."
Info(m.ChargeFichierAttaché("rapport.bin"))
Info(m.ConstruitSource(emailOptionHeaderBcc))
Info(Contient(m.Source, "Bcc: cache@exemple.fr"))
copie est un Email
copie.Source = m.Source
Info(copie.ImporteSource())
Info(copie.Sujet, copie.Destinataire[1], copie.Cci[1], copie.Attache[1].Nom, copie.Attache[1].Contenu = b)
autre est un Email
autre.Source = m.Source
Info(EmailImporteSource(autre), autre.Expéditeur)
