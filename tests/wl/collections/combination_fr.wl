// Combinaisons.
Droits est une Combinaison
	Lecture
	Écriture
FIN
d est un Droits
d = Lecture + Écriture
Trace(d)
d[Écriture] = Faux
SI d[Lecture] ET PAS d[Écriture] ALORS Trace("lecture seule")
