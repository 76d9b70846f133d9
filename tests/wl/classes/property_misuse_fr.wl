// exit: 1
// Une propriété sans traitement d'affectation est en lecture seule (doc.pcsoft.fr 6010011) :
// l'affecter est une erreur de compilation.
cCompte est une Classe
	m_n est un entier
FIN
c est un cCompte
c.Total = 3
Trace(c.Total)
PROPRIÉTÉ cCompte::Total()
RENVOYER m_n
