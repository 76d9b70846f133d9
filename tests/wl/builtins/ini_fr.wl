// Fichiers INI, noms français
INIEcrit("Compte", "Nom", "André", "réglages.ini")
Info(INILit("compte", "NOM", "?", "réglages.ini"), INILit("Compte", "Absent", "?", "réglages.ini"))
