// exit: 1
// Un objet dynamique jamais alloué : erreur fatale à l'exécution.
cNoeud est une Classe
	m_nValeur est un entier
FIN
o est un cNoeud dynamique
o.m_nValeur = 1
