x est un entier = 1
SI x > 3 ALORS
	Info("grand")
SINON SI x > 0 ALORS
	Info("moyen")
SINON
	Info("petit")
FIN
si x = 1 alors Info("un") sinon Info("autre")
