// Tableaux dynamiques.
t est un tableau dynamique d'entiers
Ajoute(t, 5)
t[2] = 6
Trace(t..Occurrence + " " + t[1] + t[2])
u est un tableau dynamique de 2 chaînes
TableauAjoute(u, "c")
Trace(u..Occurrence + " " + u[3])
