// `x is cBase <- y`: x is declared as a reference to y's object (docs/language.md).
cBase is Class
	m_n is int
END
cChild is Class
	inherits from cBase
	m_s is string
END
c is cChild
c.m_n = 1
b is cBase <- c
b.m_n = 2
Trace(c.m_n)
copy is cBase = c
copy.m_n = 3
Trace(c.m_n)
t is array of int = [1, 2]
r is array of int <- t
r[2] = 20
Trace(t[2])
v is Variant <- t
v[1] = 10
Trace(t[1])
n is int <- 5
Trace(n)
