// PC SOFT's copy rules (doc.windev.com 6010018): object = object copies the members,
// dynamic object = object makes a reference; NULL objects.
cBox is Class
	m_n is int
END
o1 is cBox
o1.m_n = 1
o2 is cBox
o2 = o1
o2.m_n = 2
Trace(o1.m_n, o2.m_n)
r is cBox dynamic
Trace(r = NULL)
r = o1
r.m_n = 3
Trace(o1.m_n)
n is object cBox = NULL
Trace(n = NULL)
n = new cBox
Trace(n = NULL, n.m_n)
WHEN EXCEPTION IN
	z is cBox dynamic
	Trace(z.m_n)
DO
	Trace("caught: " + ExceptionInfo())
END
n = NULL
Trace(n = NULL)
r = NULL
Trace(r = NULL, o1.m_n)
