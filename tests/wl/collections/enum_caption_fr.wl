// Énumérations : libellé, alias, POUR TOUT sur les valeurs.
ÉtatEnvoi est une Énumération
	EnAttente <libellé="En attente dans le spool">
	Envoyé = 250 <libellé="Accepté par le serveur">
	Refusé
	Rejeté = Refusé
FIN
e est un ÉtatEnvoi = Envoyé
Trace(e..Nom + " | " + e..Valeur + " | " + e..Libellé)
e = Rejeté
Trace(e..Nom + " | " + e..Libellé)
POUR TOUT état DE ÉtatEnvoi
	Trace(état..Nom + " " + état..Valeur + " " + état..Libellé)
FIN
