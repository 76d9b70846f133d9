// CAS ERREUR:, CAS EXCEPTION:, FIN:
Trace(Charger("fichier-absent.txt"))
Trace(Diviser(1, 0))

PROCÉDURE Charger(chemin est une chaîne)
texte est une chaîne = fChargeTexte(chemin)
Trace("pas ici")
RENVOYER texte
CAS ERREUR:
	Trace("CAS ERREUR")
	Erreur()
	RENVOYER "rien"
FIN:
	Trace("FIN: Charger")

PROCÉDURE Diviser(a, b)
RENVOYER a / b
CAS EXCEPTION:
	Trace("CAS EXCEPTION: " + ExceptionInfo())
	RENVOYER -1
FIN:
	Trace("FIN: Diviser")
