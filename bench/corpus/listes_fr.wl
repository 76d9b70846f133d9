// Comptes rendus de remise, dans les formes du code WINDEV exporté (issue 9, suite) :
// listes, tableaux associatifs avec doublons et ..Clé, allouer un tableau, libellés et
// alias d'énumération, POUR TOUT sur une énumération, `<=` et TableauCopie.
ÉtatRemise est une Énumération
	EnAttente <libellé="En attente dans le spool">
	Remis = "250" <libellé="Accepté par le serveur">
	Différé = "451" <libellé="Réessayer plus tard">
	Rejeté = "550"
	Refusé = Rejeté
FIN

lEtapes est une liste de chaînes
taEntêtes est un tableau associatif (AvecDoublon + ccSansCasse) de chaînes
tabEnvoyés est un tableau de chaînes
tabArchive est un tableau de chaînes
eEtat est un ÉtatRemise = Refusé

taEntêtes["Received"] = "de mx1.exemple.fr"
taEntêtes["Subject"] = "Rapport mensuel"
taEntêtes["RECEIVED"] = "de mx2.exemple.fr"
POUR TOUT ÉLÉMENT sValeur DE taEntêtes
	SI sValeur..Clé ~= "received" ALORS lEtapes.Ajoute(sValeur)
FIN
lEtapes.Insère(1, "de poste.exemple.fr")
Trace(lEtapes..Occurrence + " étapes, la première " + taEntêtes["received"])

tabEnvoyés = allouer un tableau de 2 chaînes
tabEnvoyés[1] = "anne@exemple.fr"
tabEnvoyés[2] = "bruno@exemple.fr"
tabArchive <= tabEnvoyés
TableauCopie(tabEnvoyés, tabArchive)
tabEnvoyés.Ajoute("carole@exemple.fr")
Trace(tabEnvoyés..Occurrence + " envoyés, " + tabArchive..Occurrence + " archivés")

POUR TOUT eUn, nRang DE ÉtatRemise
	Trace(nRang + ". " + eUn..Nom + " (" + eUn..Valeur + ") : " + eUn..Libellé)
FIN
SI eEtat = Rejeté ALORS Trace(Compte_rendu(lEtapes, eEtat))

PROCÉDURE Compte_rendu(lLignes est une liste de chaînes, ePourquoi est un ÉtatRemise)
sTexte est une chaîne
POUR TOUT sLigne, nPos DE lLignes
	sTexte += RC + nPos + " " + sLigne
FIN
RENVOYER ePourquoi..Libellé + sTexte
