// Mail accounts in classes and structures, in the shapes of exported WINDEV classes.
STServer is Structure
	sAddress is string
	nPort is 2-byte int = 587
	bTLS is boolean = True
END

cAccount is Class
	PROTECTED
	m_stServer is STServer
	m_sUser is string
	PUBLIC CONSTANT
	m_nSent is int
	GLOBAL
	gnAccounts is int
	CONSTANT MAX_TRIES = 2
END

cMailingAccount is Class
	inherits from cAccount
	PRIVATE m_tabRecipients is array of string
END

arrServers is array of STServer
stOne is STServer
stOne.sAddress = "smtp.example.com"
ArrayAdd(arrServers, stOne)
oAccount is cMailingAccount dynamic = new cMailingAccount("ann@example.com", arrServers[1])
oAccount.AddRecipient("bob@example.org")
oAccount:AddRecipient("carol@example.org")
Trace(oAccount.Describe(), cAccount::gnAccounts, cAccount::MAX_TRIES)
oAccount.Port = 465
Trace(oAccount:Port, oAccount.User)
delete oAccount

PROCEDURE cAccount::Constructor(sUser is string, stServer is STServer)
m_sUser = sUser
:m_stServer = stServer
cAccount::gnAccounts++

PROCEDURE cAccount::Destructor()
Trace("closing " + m_sUser)

FUNCTION VIRTUAL cAccount::Describe(): string
RESULT m_sUser + " on " + m_stServer.sAddress + ":" + m_stServer.nPort

PROCEDURE cMailingAccount::Constructor(sUser is string, stServer is STServer)
Constructor cAccount(sUser, stServer)

PROCEDURE cMailingAccount::AddRecipient(sTo is string)
IF sTo IN (m_sUser, "") THEN RETURN
ArrayAdd(m_tabRecipients, sTo)

FUNCTION cMailingAccount::Describe(): string
RESULT cAccount::Describe() + ", " + m_tabRecipients.Count + " recipients"
PROPERTY cAccount::Port(): int
RESULT m_stServer.nPort
PROPERTY cAccount::Port(nPort is int)
m_stServer.nPort = nPort
PROPERTY cAccount::User(): string
RESULT m_sUser
