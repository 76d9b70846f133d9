// `x est un cBase <- y`: x is declared as a reference to y's object (docs/language.md).
cBase est une Classe
	m_n est un entier
FIN
cChild est une Classe
	hérite de cBase
	m_s est une chaîne
FIN
c est un cChild
c.m_n = 1
b est un cBase <- c
b.m_n = 2
Trace(c.m_n)
copy est un cBase = c
copy.m_n = 3
Trace(c.m_n)
t est un tableau d'entiers = [1, 2]
r est un tableau d'entiers <- t
r[2] = 20
Trace(t[2])
v est un Variant <- t
v[1] = 10
Trace(t[1])
n est un entier <- 5
Trace(n)
