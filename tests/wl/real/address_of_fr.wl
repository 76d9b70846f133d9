// exit: 1
// `&x`, l'adresse d'une variable pour un appel à l'API Windows : refusée quand la ligne s'exécute.
n est un entier = 5
QUAND EXCEPTION DANS
	Trace(&n)
FAIRE
	Trace("rattrapée : " + ExceptionInfo(errCode))
FIN
Trace("avant")
Remplir(0, &n)
Trace("jamais")

PROCÉDURE Remplir(poignée est un entier, adresse est un entier)
Trace("jamais : l'argument est refusé avant", poignée, adresse)
