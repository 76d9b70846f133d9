// Tri des destinataires avec des procédures comme valeurs, en français (issue 9).
CONSTANTE
	LOT_MAX = 50
	<COMPILE SI TypeConfiguration = Webservice>
	JOURNAL = Faux
	<SINON>
	JOURNAL = Vrai
	<FIN>
FIN

tabAdresses est un tableau de chaînes = ["eve@exemple.org", "ann@exemple.com", "bob@exemple.net"]
TableauTrie(tabAdresses, ttFonction, (a, b) => Taille(a) - Taille(b))
tabAdresses.Trie(ttDécroissant)

nEnvoyés est un entier
pEnvoie est une Procédure = PROCÉDURE(sAdresse est une chaîne): booléen {
	SI nEnvoyés >= LOT_MAX ALORS RENVOYER Faux
	nEnvoyés++
	SI JOURNAL ALORS Trace("à " + sAdresse)
	RENVOYER Vrai
}
POUR TOUT sUne DE tabAdresses
	pEnvoie(sUne)
FIN

PROCÉDURE INTERNE ParDomaine(a, b)
	SI ExtraitChaîne(a, 2, "@") < ExtraitChaîne(b, 2, "@") ALORS RENVOYER -1
	RENVOYER 1
FIN
TableauTrie(tabAdresses, ttFonction, ParDomaine)
Trace(TableauVersChaîne(tabAdresses, ", "))

hDébut est une heure = "0900"
hFin est une heure = "1030"
Trace((hFin - hDébut).EnMinutes)
