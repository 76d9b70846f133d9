// Erreurs, noms français
SI fChargeTexte("nulle_part.txt") = "" ALORS
	Info(ErreurDétectée, ErreurInfo(errCode))
FIN
QUAND EXCEPTION DANS
	ExceptionDéclenche(7, "mon erreur")
FAIRE
	Info(ExceptionInfo(errCode), ExceptionInfo())
FIN
