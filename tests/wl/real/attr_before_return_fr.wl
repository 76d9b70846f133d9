// un attribut entre les paramètres et le type renvoyé
Trace(Double(21))
Trace(Étiquette("x"))

PROCÉDURE Double(n est un entier) <extension> : entier
RENVOYER n * 2

procédure Étiquette(s est une chaîne) <extension> : chaîne <description="une étiquette">
renvoyer "[" + s + "]"
