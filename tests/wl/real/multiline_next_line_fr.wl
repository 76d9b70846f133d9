// la chaîne multiligne d'une déclaration peut s'ouvrir sur la ligne après `=`
sRequête est une chaîne =

[
	SELECT IDDossier FROM Dossier
	WHERE IDCompte={pIDCompte}
]
Trace(Remplace(sRequête, RC, " | "))
