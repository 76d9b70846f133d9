// `=` entre tableaux partage le tableau ; `<=` et TableauCopie le copient.
t est un tableau d'entiers = [1, 2]
u est un tableau d'entiers
u = t
u[1] = 10
Trace(t[1])
c est un tableau d'entiers
c <= t
c[2] = 20
Trace(t[2] + " " + c[2])
d est un tableau d'entiers
TableauCopie(t, d)
d.Ajoute(3)
Trace(t.Occurrence + " " + d.Occurrence)
ta est un tableau associatif d'entiers
ta["k"] = 1
tb est un tableau associatif d'entiers
tb = ta
tb["k"] = 2
Trace(ta["k"] + " " + tb["k"])
Garde(t)
Trace(t[1])

PROCÉDURE Garde(LOCAL x est un tableau d'entiers)
x[1] = -1
