// CONSTANTE ... FIN et CONSTANTE X = ... sur une ligne
Trace(Surface())
CONSTANTE
	LARGEUR = 4
	HAUTEUR = LARGEUR * 2
	NOM = "boîte"
FIN
constante SALUT = "Bonjour " + NOM
Trace(SALUT, Largeur + hauteur)

PROCÉDURE Surface()
RENVOYER LARGEUR * HAUTEUR
