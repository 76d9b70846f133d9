QUAND EXCEPTION DANS
	n est un entier = "pas un nombre"
FAIRE
	Info(ExceptionInfo())
FIN
