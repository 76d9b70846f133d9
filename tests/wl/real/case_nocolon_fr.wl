// SELON avec des CAS sans deux-points, le corps sur les lignes suivantes
POUR i = 0 À 4
	Trace(Genre(i * 30))
FIN
Trace(Genre(2))

PROCÉDURE Genre(n)
SELON n
	CAS 0
		RENVOYER "zéro"
	cas 1, 2
		RENVOYER "petit"
	CAS 3 A 60
		RENVOYER "moyen"
	CAS > 99
		RENVOYER "grand"
	AUTRE CAS
		RENVOYER "autre"
FIN
