// Méthodes GLOBALES, membres PROTÉGÉS, méthode redéfinie appelée par la classe de
// base, destructeur en fin de procédure, FONCTION comme synonyme de PROCÉDURE.
cCompteur est une Classe
	GLOBAL gnCréés est un entier
	PROTÉGÉ m_nValeur est un entier
FIN
cDouble est une Classe
	hérite de cCompteur
FIN
d est un cDouble
d.Ajoute(3)
Trace(d.Décrit(), cCompteur::Créés())
Portée()
Trace("après Portée")
FONCTION GLOBALE cCompteur::Créés() : entier
RENVOYER gnCréés
PROCÉDURE cCompteur::Constructeur()
gnCréés++
PROCÉDURE cCompteur::Incrément() : entier
RENVOYER 1
PROCÉDURE cCompteur::Ajoute(nFois est un entier)
POUR i = 1 _À_ nFois
	m_nValeur += Incrément()
FIN
FONCTION cCompteur::Décrit() : chaîne
RENVOYER "valeur " + m_nValeur
FONCTION cDouble::Incrément() : entier
RENVOYER 2 * cCompteur::Incrément()
PROCÉDURE cDouble::Destructeur()
Trace("fin d'un cDouble : " + MoiMême.m_nValeur)
PROCÉDURE Portée()
oTemp est un cDouble
oTemp.Ajoute(1)
