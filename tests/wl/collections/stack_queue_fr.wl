// Piles et files.
pAttente est une pile de chaînes
Empile(pAttente, "premier")
Empile(pAttente, "second")
Trace("occurrence : " + pAttente..Occurrence + ", vide : " + pAttente..Vide)
sHaut est une chaîne
TANTQUE Dépile(pAttente, sHaut)
	Trace("dépilé " + sHaut)
FIN
fBoite est une file d'entiers
Enfile(fBoite, 1)
Enfile(fBoite, 2)
POUR TOUT n DE fBoite
	Trace("en file " + n)
FIN
nVal est un entier
TANTQUE Défile(fBoite, nVal)
	Trace("défilé " + nVal)
FIN
Trace(fBoite..Vide)
