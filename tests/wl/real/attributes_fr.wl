// attributs entre chevrons ; type de paramètre sans EST
Trace(Joindre("a", 2))

PROCÉDURE Joindre(premier chaîne <utile>, second entier <utile>) <section critique>
nInutile est un entier <utile>
RENVOYER premier + second
