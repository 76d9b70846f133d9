// tableau fixe : sa taille est celle de la déclaration (WD Agenda en déclare un de 25 entiers)
// exit: 1
Couleurs est un tableau fixe de 3 entiers
Couleurs[1] = 229
Couleurs[3] = 7
Trace(TableauOccurrence(Couleurs), Couleurs[2], Couleurs[3])
TableauAjoute(Couleurs, 4)
