// AvecDoublon : plusieurs éléments par clé ; ..Clé pendant POUR TOUT.
taEntêtes est un tableau associatif (AvecDoublon) de chaînes
taEntêtes["Received"] = "de mx1"
taEntêtes["Received"] = "de mx2"
taEntêtes["Subject"] = "Bonjour"
Trace(taEntêtes..Occurrence + " " + taEntêtes["Received"])
POUR TOUT ÉLÉMENT sValeur DE taEntêtes
	Trace(sValeur..Clé + " : " + sValeur)
FIN
TableauSupprime(taEntêtes, "Subject")
Trace(TableauOccurrence(taEntêtes) + " " + taEntêtes["Subject"]..Existe)
