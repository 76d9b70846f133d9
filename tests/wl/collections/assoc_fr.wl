// Tableaux associatifs : clés, clé absente, Occurrence, Existe, POUR TOUT avec la clé.
taTaille est un tableau associatif d'entiers
taTaille["a.txt"] = 120
taTaille["b.txt"] = 45
Trace(taTaille["a.txt"] + taTaille["b.txt"])
Trace("absente : " + taTaille["c.txt"])
Trace("occurrence : " + taTaille..Occurrence + " " + TableauOccurrence(taTaille))
Trace("existe : " + taTaille["b.txt"]..Existe + " " + taTaille["c.txt"]..Existe)
sFichier est une chaîne
nTaille est un entier
POUR TOUT ÉLÉMENT nTaille, sFichier DE taTaille
	Trace(sFichier + " : " + nTaille)
FIN
taVille est un tableau associatif (ccSansCasse + ccSansAccent, "?") de chaînes
taVille["Élodie"] = "Paris"
Trace(taVille["ELODIE"] + " " + taVille["personne"])
TableauSupprime(taTaille, "a.txt")
Trace("après : " + taTaille..Occurrence + " " + taTaille..Vide)
TableauSupprimeTout(taTaille)
Trace("vide : " + taTaille..Vide)
