// POUR TOUT sur un fichier de données : refusé quand la boucle s'exécute
Trace(Lister())

PROCÉDURE Lister()
POUR TOUT Client SUR NomClé AVEC Ville = "Lyon"
	Trace(Client.Nom)
FIN
POUR TOUTE LIGNE SÉLECTIONNÉE DE TABLE_Clients
FIN
RENVOYER "fini"
CAS EXCEPTION:
	Trace("exception " + ExceptionInfo(errCode))
	RENVOYER "refusé"
