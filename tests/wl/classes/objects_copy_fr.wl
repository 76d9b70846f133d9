// Les règles de copie en français : objet = objet copie, dynamique = référence.
cBoîte est une Classe
	m_n est un entier
FIN
o1 est un cBoîte
o1.m_n = 1
o2 est un cBoîte
o2 = o1
o2.m_n = 2
Trace(o1.m_n, o2.m_n)
r est un objet cBoîte dynamique
r = o1
r.m_n = 3
Trace(o1.m_n)
QUAND EXCEPTION DANS
	libérer r
	Trace(o1.m_n)
FAIRE
	Trace("attrapée : " + ExceptionInfo())
FIN
