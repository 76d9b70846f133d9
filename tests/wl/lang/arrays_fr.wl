tab est un tableau de chaînes
Ajoute(tab, "un")
TableauAjoute(tab, "deux")
tab.Ajoute("trois")
Info(TableauOccurrence(tab), tab[2])
POUR TOUT e DE tab
	Trace(e)
FIN
TableauSupprimeTout(tab)
Info(TableauOccurrence(tab))
