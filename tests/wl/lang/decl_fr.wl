// Déclarations en français, accents et casse libres
n est un entier = "12"
r est un réel = 2.5
s est une chaîne = "é"
a, b sont des entiers
a = 2 ; b = 3
soit t = "déduit"
Info(n + 1, R * 2, S, A + B, T)
