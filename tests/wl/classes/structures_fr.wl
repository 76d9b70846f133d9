// Structures en français : est une Structure, tableau de, un champ avec sa valeur.
STMessage est une Structure
	sDestinataire est une chaîne
	nPort est un entier = 25
FIN
m est un STMessage
m.sDestinataire = "a@exemple.fr"
n est un STMessage = m
n.sDestinataire = "b@exemple.fr"
Trace(m.sDestinataire, n.sDestinataire, n.nPort)
t est un tableau de STMessage
TableauAjoute(t, m)
t[1].nPort = 465
Trace(t[1].nPort, m.nPort, t.Occurrence)
Remplit(m)
Trace(m.sDestinataire)
PROCÉDURE Remplit(x est un STMessage)
x.sDestinataire = "rempli"
