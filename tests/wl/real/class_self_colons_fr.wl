// `::NOM` dans une méthode : constante, membre ou méthode GLOBAL de sa propre classe
cCompte est une Classe
	CONSTANTE
	TYPE_POP = "#POP#"
	TYPE_IMAP = "#IMAP#"
	FIN
	m_sType est une chaîne
	GLOBAL gnOuverts est un entier
FIN
c est un objet cCompte("#POP#")
Trace(c.Décrit())
Trace(cCompte::gnOuverts)

PROCÉDURE cCompte::Constructeur(sType est une chaîne)
m_sType = sType
::gnOuverts++
PROCÉDURE cCompte::Décrit()
SELON :m_sType
	CAS ::TYPE_POP:
		RENVOYER "POP3 " + ::Port(::TYPE_POP)
	CAS ::TYPE_IMAP
		RENVOYER "IMAP " + ::Port(::TYPE_IMAP)
	AUTRE CAS
		RENVOYER "?"
FIN
PROCÉDURE GLOBALE cCompte::Port(sType est une chaîne)
SI sType = ::TYPE_POP ALORS RENVOYER 110
RENVOYER 143
