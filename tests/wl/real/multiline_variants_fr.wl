// Chaînes multilignes en argument et après RENVOYER.
Trace([
    Cher client,
    votre commande est partie.
])
Trace(Corps())

PROCÉDURE Corps()
RENVOYER [
    Première ligne
]
