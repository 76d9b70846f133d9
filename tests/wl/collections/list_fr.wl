// Listes : `liste de`, Ajoute, Insère, Supprime, Occurrence, Vide, POUR TOUT.
l est une liste d'entiers
l.Ajoute(2)
Ajoute(l, "3")
l.Insère(1, 1)
Trace(l..Occurrence + " " + TableauOccurrence(l) + " " + l..Vide)
POUR TOUT n DE l
	Trace(n)
FIN
TableauSupprime(l, 2)
POUR TOUT ÉLÉMENT n, i DE l
	Trace(i + " : " + n)
FIN
TableauSupprimeTout(l)
Trace(l..Vide)
