// Fichiers texte, noms français
Info(fSauveTexte("note.txt", "été"))
Info(fAjouteTexte("note.txt", " ok"))
Info(fChargeTexte("note.txt"), fFichierExiste("note.txt"), fFichierExiste("absent.txt"))
SI fChargeTexte("absent.txt") = "" ET ErreurDétectée ALORS
	Info(ErreurInfo(errCode))
FIN
Info(fRepEnCours() = ExeInfo(exeRépertoire))
