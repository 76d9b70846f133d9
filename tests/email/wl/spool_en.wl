// An asynchronous session: EmailSendMessage returns once the message is in the spool;
// EmailStatus follows it until the worker has sent it (or the server refused it).
s is emailSMTPSession
s.ServerAddress = SysEnvironment("SMTP_HOST")
s.Port = Val(SysEnvironment("SMTP_PORT"))
s.Asynchronous = emailAsynchronous
IF NOT EmailStartSession(s) THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END

good is Email
good.Sender = "ann@example.com"
good.Recipient = "bob@example.org"
good.Subject = "asynchronous, accepted"
good.Message = "Hello Bob"
IF EmailSendMessage(s, good) THEN Trace("stored as " + good.ID)
Follow(good.MailIdentifier)

bad is Email
bad.Sender = "ann@example.com"
bad.Recipient = "nobody@example.org"
bad.Subject = "asynchronous, refused"
bad.Message = "Hello?"
IF EmailSendMessage(s, bad) THEN Trace("stored as " + bad.ID)
Follow(bad.ID)
EmailCloseSession(s)

PROCEDURE Follow(id is int)
	n is int = 0
	WHILE EmailStatus(id) = emailPending AND n < 1000
		Multitask(1)
		n++
	END
	SWITCH EmailStatus(id)
		CASE emailSent: Trace("message " + id + ": sent")
		CASE emailPending: Trace("message " + id + ": still pending")
		CASE emailError: Trace("message " + id + ": refused, " + ErrorInfo(errMessage))
	END
