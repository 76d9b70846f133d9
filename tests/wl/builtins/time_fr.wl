// Dates et heures, noms français
Info(Taille(DateDuJour()), Taille(HeureSys()), Taille(Maintenant()), Taille(DateHeureSys()))
Info(DateVersChaîne("20241231"), HeureVersChaîne("0905", "HH:MM"))
