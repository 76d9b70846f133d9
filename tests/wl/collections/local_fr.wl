LOCALE n entier
LOCALE s est une chaîne = "y"
n = 2
Trace(n * 2, s)
