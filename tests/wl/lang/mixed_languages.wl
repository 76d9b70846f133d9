// English and French freely mixed, accents and case ignored
Compteur EST UN entier = 0
FOR i = 1 À 3
	compteur++
FIN
SI Compteur = 3 THEN
	info("compteur = " + COMPTEUR)
END
