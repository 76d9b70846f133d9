// indirection : refusée à l'exécution seulement
Trace("début")
SI Faux ALORS {"SAI_Nom", indChamp} = "jamais"
QUAND EXCEPTION DANS
	x est une chaîne = {"SAI_" + "Nom", indChamp}
FAIRE
	Trace("exception " + ExceptionInfo(errCode))
FIN
