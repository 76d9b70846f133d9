// Lambdas en français (doc.pcsoft.fr/?1514084), mots-clés sans casse ni accents imposés
n est un entier = 10
ajoute est une Procédure = (a, b) => { RENVOYER a + b + n }
double est une procedure = x => x * 2
bonjour est une Procédure = () => {
	Trace("bonjour d'une lambda")
	RENVOYER "fini"
}
Trace(ajoute(1, 2))
Trace(double(21))
Trace(bonjour())
n = 100
Trace(ajoute(1, 2))
mul est une Procédure = PROCÉDURE(a est un entier, b est un entier): entier { RENVOYER a * b }
Trace(mul(6, 7))
f est une Procédure = fonction(x) { RENVOYER x + 1 }
Trace(f(1))
Trace(Applique(x => x + 1, 41))
c1 est une Procédure = FaisCompteur()
c2 est une Procédure = FaisCompteur()
Trace(c1(), c1(), c1(), c2())
PROCÉDURE INTERNE Crie(s)
	RENVOYER Majuscule(s) + " !"
FIN
p est une Procédure = Crie
Trace(p("salut"))
classe_de est une Procédure = v => {
	SI v < 0 ALORS
		RENVOYER "négatif"
	FIN
	RENVOYER "positif ou nul"
}
Trace(classe_de(-1), classe_de(4))
Trace((() => { RENVOYER "tout de suite" })())

PROCÉDURE Applique(f est une Procédure, v)
RENVOYER f(v)

PROCÉDURE FaisCompteur()
compte est un entier = 0
RENVOYER () => { compte++; RENVOYER compte }
