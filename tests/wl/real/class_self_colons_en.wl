// `::NAME` inside a method: a constant, GLOBAL member or GLOBAL method of its own class
cAccount is a Class
	CONSTANT
	KIND_POP = "#POP#"
	KIND_IMAP = "#IMAP#"
	END
	m_sKind is string
	GLOBAL gnOpened is int
END
a is object cAccount("#IMAP#")
Trace(a.Describe())
Trace(cAccount::gnOpened)

PROCEDURE cAccount::Constructor(sKind is string)
m_sKind = sKind
::gnOpened++
PROCEDURE cAccount::Describe()
SWITCH :m_sKind
	CASE ::KIND_POP:
		RESULT "POP3 " + ::Port(::KIND_POP)
	CASE ::KIND_IMAP, "#IMAP4#"
		RESULT "IMAP " + ::Port(::KIND_IMAP)
	OTHER CASE
		RESULT "?"
END
PROCEDURE GLOBAL cAccount::Port(sKind is string)
IF sKind = ::KIND_POP THEN RESULT 110
RESULT 143
