// POUR TOUT ÉLÉMENT et POUR TOUTE CHAÎNE ... SÉPARÉE PAR
noms est un tableau de chaînes = ["Anne", "Paul"]
POUR TOUT ÉLÉMENT qui, n DE noms
	Trace(n + " " + qui)
FIN
POUR TOUTE CHAÎNE morceau DE "x;y" SÉPARÉE PAR ";"
	Trace(morceau)
FIN
pour toute chaine m de "" separee par ","
	Trace("jamais")
fin
