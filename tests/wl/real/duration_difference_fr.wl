// Heures, dates et dates-heures soustraites : des Durées
HeureDébut est une Heure = "1330"
HeureFin est une heure = "1730"
DuréeCongrès est une Durée = HeureFin - HeureDébut
Trace(DuréeCongrès, DuréeCongrès.EnMinutes)
début est une date = "20231225"
dFin est une date = "20240101"
Trace((dFin - début).EnJours)
envoi est une dateheure = "2024010112000000"
lecture est une DATEHEURE = "2024010112003050"
Trace((lecture - envoi).EnMillisecondes)
