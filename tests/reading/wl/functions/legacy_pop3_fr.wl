// L'ancienne forme : EmailOuvreSession(Utilisateur, Mot de passe, Serveur POP3, Serveur
// SMTP, Port POP3, Port SMTP) ouvre la session POP3 et la session SMTP nommées par
// l'utilisateur ; on lit dans la structure Email globale, puis on répond.
Util est une chaîne = SysEnvironnement("READ_USER")
SI PAS EmailOuvreSession(Util, SysEnvironnement("READ_PASSWORD"), SysEnvironnement("READ_HOST"), ...
		SysEnvironnement("SMTP_HOST"), Val(SysEnvironnement("READ_POP3_PORT")), Val(SysEnvironnement("SMTP_PORT"))) ALORS
	Trace("ouverture impossible : " + ErreurInfo())
	RETOUR
FIN
Trace("messages : " + EmailNombreMessage(Util))
EmailLitDernier(Util)
Trace("dernier : " + Email.Sujet + ", statut " + Email.Statut + " (POP3 n'en garde pas)")
EmailLitPrécédent(Util)
Trace("précédent : " + Email.Sujet + ", pièces jointes " + Email.NbAttache + " : " + Email.Attache[1])
Trace("  sauvée : " + EmailSauveAttache("facture 42.pdf", SysEnvironnement("READ_OUT")))
Trace("  taille : " + (EmailTailleMessage(Util) = Email.Taille))
Id est une chaîne = Email.UID
EmailLitPremierEntête(Util)
Trace("entête : " + Email.Sujet + " [" + Email.Message + "] " + Email.AdresseExpéditeur)
EmailLitSuivantEntête(Util)
Trace("entête suivant : " + Email.Sujet)
Trace("par identifiant : " + EmailLitMessage(Util, Id) + " " + Email.Sujet)
Trace("par numéro : " + EmailLitMessage(Util, 3) + " " + Email.Sujet)

// Ce que POP3 ne sait pas faire : Faux et ErreurInfo, le script continue.
Trace("statut : " + EmailChangeStatut(Util, emailStatutLu))
Trace("  " + ExtraitChaîne(ErreurInfo(), 1, ": ") + " : " + ExtraitChaîne(ErreurInfo(), 2, " answered: "))
NonLus est un tableau de Email = EmailRécupèreTout(Util, ertNonLu)
Trace("non lus : " + TableauOccurrence(NonLus) + " " + ErreurDétectée)
Trace("dossiers : [" + EmailListeDossier(Util) + "] " + ErreurInfo())
Tous est un tableau de Email = EmailRécupèreTout(Util, ertComplet)
Trace("tous : " + TableauOccurrence(Tous))

EmailLitPremier(Util)
Trace("supprime : " + Email.Sujet + " " + EmailSupprimeMessage(Util))
Trace("reste : " + EmailNombreMessage(Util))

EmailRAZ()
Email.Expéditeur = "reader@example.org"
Email.Destinataire[1] = "bob@example.org"
Email.NbDestinataire = 1
Email.Sujet = "Réponse"
Email.Message = "Bien reçu"
Trace("envoyé : " + EmailEnvoieMessage(Util))
EmailFermeSession(Util)
Trace("fermée : " + EmailLitPremier(Util))
