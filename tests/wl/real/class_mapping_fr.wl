// attributs sur l'en-tête d'une classe et groupe <MAPPING> ... <FIN> de membres
cCompte est une Classe <mapping=Compte>
PRIVÉ
	<MAPPING>
	m_nIDCompte est un entier sur 8 octets	<mapping=IDCompte, clé unique>
	m_sEmail est une chaîne ANSI	<mapping=Email>
	<FIN>
	m_bOuvert est un booléen
FIN
c est un objet cCompte
Trace(c.Montre())

PROCÉDURE cCompte::Montre()
m_sEmail = "ann@example.org"
RENVOYER m_sEmail + " " + m_nIDCompte + " " + m_bOuvert
