// FONCTION est PROCÉDURE ; les modificateurs et le type renvoyé sont acceptés
Trace(Double(21))
Trace(Saluer("Anne"))
Bonjour()

FONCTION Double(n est un entier) : entier
RENVOYER n * 2

PROCÉDURE PRIVÉE GLOBALE Saluer(qui est une chaîne) : chaîne
RENVOYER "Bonjour " + qui

fonction protégée virtuelle Bonjour()
Trace("bonjour")
