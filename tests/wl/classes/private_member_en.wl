// exit: 1
// A PRIVATE member used outside its class: `wlmail check` refuses it.
cAccount is Class
	PRIVATE m_sPassword is string
	PUBLIC CONSTANT m_sName is string
END
a is cAccount
a.m_sPassword = "secret"
a.m_sName = "me"
a.Login()
PROCEDURE PRIVATE cAccount::Login()
m_sName = "ok"
