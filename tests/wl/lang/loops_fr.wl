POUR i = 1 A 5 PAS 2
	Trace(i)
FIN
k est un entier
TANTQUE k < 2
	k++
FIN
BOUCLE
	k++
	SI k > 3 ALORS SORTIR
	SI k = 3 ALORS CONTINUER
FIN
Info(k)
