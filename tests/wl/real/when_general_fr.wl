// exit: 1
// QUAND EXCEPTION sans DANS (le même test en français).
// QUAND EXCEPTION without IN: a general exception handler for the rest of the procedure
// and what it calls (help.windev.com/?3034001; our reading in docs/language.md).
Guarded(2)
Trace("the caller goes on")
WithLabel()
QUAND EXCEPTION
	Trace("main code handled: " + ExceptionInfo())
	Risky(0)    // an error in the handler is not caught by the handler itself
FIN
Risky(0)
Trace("not reached: the main code ends")

PROCÉDURE Risky(n est un entier)
Trace("risky " + n)
Trace(10 / n)
Trace("not reached when n is 0")

PROCÉDURE Guarded(n est un entier): int
Trace("before the handler")
QUAND EXCEPTION
	Trace("handled: " + ExceptionInfo())
FIN
Risky(n)
QUAND EXCEPTION DANS
	Risky(0)
FAIRE
	Trace("the nearer QUAND EXCEPTION DANS comes first")
FIN
Risky(0)
Trace("not reached either")
RENVOYER 1

PROCÉDURE WithLabel()
QUAND EXCEPTION
	Trace("general handler before CAS EXCEPTION:")
FIN
Risky(0)
CAS EXCEPTION:
	Trace("not run: the general handler caught it")
