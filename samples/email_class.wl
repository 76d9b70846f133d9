// A mail account kept in a class, the way WINDEV projects keep theirs: the class holds
// the SMTP session, a method sends through it, and the method's CASE ERROR: label
// handles a function that fails (the session that does not start, the message that is
// refused). The password is read from the environment, never written here:
//
//     SMTP_PASSWORD='...' wlmail run email_class.wl
//
// To see what would be sent without sending anything:
//
//     wlmail run --capture /tmp/outbox email_class.wl
//
// (Put your own server, address and recipient below.)

cMailAccount is Class
	PRIVATE
	m_Session is emailSMTPSession
	PUBLIC CONSTANT
	m_sAddress is string
	m_nSent is int
END

Account is cMailAccount("ann@example.com", "smtp.example.com", 587)
IF Account.Send("bob@example.org", "Hello from a class", ...
		"This message was sent by a method of the class cMailAccount.") THEN
	Info("Messages sent from " + Account.m_sAddress + ": " + Account.m_nSent)
END

// The constructor: the account's address and its server.
PROCEDURE cMailAccount::Constructor(sAddress is string, sServer is string, nPort is int)
m_sAddress = sAddress
m_Session.ServerAddress = sServer
m_Session.Port = nPort
m_Session.Option = emailOptionSecuredTLS
m_Session.Name = sAddress
m_Session.Password = SysEnvironment("SMTP_PASSWORD")

// Sends one message through the account's session; False (and a message) when a
// function fails on the way.
PROCEDURE cMailAccount::Send(sTo is string, sSubject is string, sText is string): boolean
EmailStartSession(m_Session)
MyEmail is Email
MyEmail.Sender = m_sAddress
MyEmail.Recipient.Add(sTo)
MyEmail.Subject = sSubject
MyEmail.Message = sText
EmailSendMessage(m_Session, MyEmail)
m_nSent++
EmailCloseSession(m_Session)
RESULT True

CASE ERROR:
	Error("The message was not sent.", ErrorInfo())
	RESULT False
