// Tableaux, noms français
t est un tableau de chaînes
TableauAjoute(t, "un")
Ajoute(t, "deux")
t.Ajoute("trois")
TableauInsère(t, 1, "zéro")
TableauSupprime(t, 2)
Info(TableauOccurrence(t), t.Occurrence(), TableauVersChaîne(t, " "))
Info(TableauCherche(t, tcLinéaire, "trois"))
t.SupprimeTout()
Info(TableauOccurrence(t))
