// Plusieurs valeurs de retour : RENVOYER (x, y).
nQuotient, nReste sont des entiers
(nQuotient, nReste) = Division(17, 5)
Trace(nQuotient + " reste " + nReste)
PROCÉDURE Division(a est un entier, b est un entier)
RENVOYER (a / b - (a modulo b) / b, a modulo b)
