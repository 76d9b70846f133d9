// AUTRES CAS (au pluriel, comme l'écrit WD-Office365) : la branche SELON par défaut.
n est un entier = 3
SELON n
	CAS 1
		Trace("un")
	AUTRES CAS
		Trace("autre")
FIN
