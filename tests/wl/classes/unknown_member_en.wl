// exit: 1
// An unknown member, an unknown method, a member used as a method, an unknown class.
cMail is Class
	m_sSubject is string
END
m is cMail
m.m_sSubjet = "x"
m.Send()
m.m_sSubject()
x is cMial
