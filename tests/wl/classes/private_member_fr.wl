// exit: 1
// Un membre PRIVÉ lu hors de sa classe.
cCompte est une Classe
	PRIVÉ m_sMotDePasse est une chaîne
FIN
c est un cCompte
Trace(c.m_sMotDePasse)
