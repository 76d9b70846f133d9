// attributes on a class header and a <MAPPING> ... <END> group of members
cAccount is a Class <mapping=Account>
PRIVATE
	<MAPPING>
	m_nID is 8-byte int	<mapping=IDAccount, unique key>
	m_sEmail is ANSI string	<mapping=Email>
	<END>
	m_bOpen is boolean
END
STLine is Structure <serialize>
	sText is string
END
a is object cAccount
Trace(a.Show())
l is STLine
l.sText = "line"
Trace(l.sText)

PROCEDURE cAccount::Show()
m_sEmail = "ann@example.org"
RESULT m_sEmail + " " + m_nID + " " + m_bOpen
