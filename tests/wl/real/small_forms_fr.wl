// BOUCLE (n), comparaisons en chaîne, « de » élidé : tableau d'entiers
n est un entier
BOUCLE (2)
	n += 10
FIN
Trace(n)
t est un tableau d'entiers = [1, 2, 3]
POUR TOUT ÉLÉMENT e DE t
	SI 1 < e < 3 ALORS Trace(e)
FIN
u est un tableau d'entiers
Trace(u.Occurrence)
