// Durées, en français.
DuréeTâche est une Durée = 3 min 30 s
Trace(DuréeTâche.EnSecondes)
Trace(DuréeTâche.EnMinutes)
Trace(DuréeTâche.Minute, DuréeTâche.Seconde)
Attente est une Durée = 2h
Trace(Attente.EnMinutes, Attente.Heure)
Attente.EnSecondes = 45
Trace(Attente)
Jours est une Durée = 2j
Trace(Jours.EnHeures, Jours.Jour)
SI DuréeTâche < 1h ALORS Trace("moins d'une heure")
Trace(EmailChangeTimeOut(1min))
Trace(EmailLitTimeOut())
