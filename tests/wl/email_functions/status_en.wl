// env: WLMAIL_SPOOL=spool
// EmailStatus of a message the spool does not know: emailError, and ErrorInfo says why.
res is int = EmailStatus(7)
IF res = emailError THEN Trace("emailError, code " + ErrorInfo(errCode))
Trace(Position(ErrorInfo(errMessage), "no message 7") > 0)
Trace(emailPending <> emailSent AND emailSent <> emailError)
m is Email
Trace("identifier before sending: " + m.MailIdentifier + " " + m.ID)
