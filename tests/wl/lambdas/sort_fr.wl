// TableauTrie / Trie / <tableau>.Trie (doc.pcsoft.fr/?3075007)
t est un tableau d'entiers = [3, 1, 2, 5]
TableauTrie(t)
Trace(TableauVersChaîne(t, ","))
t.Trie(ttDécroissant)
Trace(TableauVersChaîne(t, ","))
Trie(t, ttcroissant)
Trace(TableauVersChaîne(t, ","))
TableauTrie(t, ttFonction, (a, b) => b - a)
Trace(TableauVersChaîne(t, ","))
noms est un tableau de chaînes = ["bob", "Ann", "carl", "dave"]
PROCÉDURE INTERNE ParLongueur(e1, e2)
	SI Taille(e1) < Taille(e2) ALORS RENVOYER -1
	SI Taille(e1) > Taille(e2) ALORS RENVOYER 1
	RENVOYER 0
FIN
TableauTrie(noms, ttFonction, Inverse)
Trace(TableauVersChaîne(noms, ","))
noms.Trie(ttFonction, ParLongueur)
Trace(TableauVersChaîne(noms, ","))

PROCÉDURE Inverse(a, b)
SI a < b ALORS RENVOYER 1
SI a > b ALORS RENVOYER -1
RENVOYER 0
