// Énumérations.
EtatRobot est une Énumération
	Marche
	Arrêt = 10
FIN
e est un EtatRobot
Trace(e..Nom + " " + e..Valeur)
e = EtatRobot.Arrêt
Trace(e..Nom + " " + e..Valeur)
SI e = Arrêt ALORS Trace("à l'arrêt")
