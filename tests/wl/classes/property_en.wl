// Class properties (doc.windev.com 6010011): PROPERTY cA::Name() retrieves, PROPERTY
// cA::Name(Value) assigns; read-only and write-only ones; o.P, o:P, :P and P in methods.
cAccount is Class
 PRIVATE
 m_sName is string
 m_nSent is int
 m_sLog is string
END
a is cAccount("ann")
Trace(a.Name)
a.Name = "bob"
Trace(a:Name)
a.Send()
a.Send()
Trace(a.Sent + 1)
a.Password = "x"
Trace(a.Log())
v is Variant = a
Trace(v.Name)
v.Name = "carl"
Trace(v.Name)
WHEN EXCEPTION IN
	v.Sent = 3
DO
	Trace(ExceptionInfo())
END
WHEN EXCEPTION IN
	Trace(v.Password)
DO
	Trace(ExceptionInfo())
END

PROCEDURE cAccount::Constructor(sName is string)
:Name = sName
PROPERTY cAccount::Name()
RESULT m_sName
PROPERTY cAccount::Name(sValue is string)
m_sName = Upper(sValue)
:m_sLog += "name;"
PROPERTY cAccount::Sent(): int
RESULT m_nSent
PROPERTY cAccount::Password(s is string)
:m_sLog += "pwd;"
PROCEDURE cAccount::Send()
Sent2 is int = Sent
m_nSent++
Trace("sent by " + Name + " (" + Sent2 + " before)")
PROCEDURE cAccount::Log()
RESULT m_sLog

