t est un tableau d'entiers = [1, 2]
r est un tableau d'entiers
r <- t
r[2] = 20
Trace(t[2])
