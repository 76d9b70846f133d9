// Une variable de type Procédure.
pCalcul est une Procédure = Triple
Trace(pCalcul(3))
PROCÉDURE Triple(x)
RENVOYER x * 3
