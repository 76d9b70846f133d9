// env: WLMAIL_SPOOL=spool
// EmailEtat d'un message que la file d'attente ne connaît pas : emailErreur.
res est un entier = EmailEtat(7)
SI res = emailErreur ALORS Trace("emailErreur, code " + ErreurInfo(errCode))
Trace(Position(ErreurInfo(errMessage), "no message 7") > 0)
Trace(emailEnAttente <> emailEnvoyé ET emailEnvoyé <> emailErreur)
Trace("identifiant avant l'envoi : " + Email.IdentifiantMail)
