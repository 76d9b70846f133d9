// Le même script en français : déclarations, boucle, procédure.
Nom est une chaîne = "monde"
Nombre est un entier = 3

POUR i = 1 À Nombre
	Info("Bonjour " + Nom + " (" + i + ")")
FIN
SI Nombre > 2 ALORS
	Info(Accueil("WLanguage"))
SINON
	Info("rien")
FIN

PROCÉDURE Accueil(Qui est une chaîne)
RENVOYER "Bienvenue dans " + Qui + " !"
