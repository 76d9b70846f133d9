// Les mêmes tables en français : tableaux associatifs, piles, files, énumérations.
EtatEnvoi est une Énumération
	EnAttente
	Envoyé = "OK"
	Refusé = "KO"
FIN

taServeurs est un tableau associatif (ccSansCasse + ccSansAccent, "smtp.exemple.fr") de chaînes
taServeurs["exemple.fr"] = "mail.exemple.fr"
taNombres est un tableau associatif d'entiers
fAttente est une file de chaînes
pReprise est une pile de chaînes
eEtat est un EtatEnvoi
LOCALE sAdresse, sServeur sont des chaînes

POUR TOUTE CHAÎNE sAdresse DE "anne@exemple.fr;marc@ailleurs.fr" SÉPARÉE PAR ";"
	Enfile(fAttente, sAdresse)
FIN

TANTQUE Défile(fAttente, sAdresse)
	(sServeur, eEtat) = Router(sAdresse, *)
	taNombres[sServeur] += 1
	SI eEtat = Refusé ALORS Empile(pReprise, sAdresse)
FIN

sCle est une chaîne
nNombre est un entier
POUR TOUT ÉLÉMENT nNombre, sCle DE taNombres
	Trace(sCle + " : " + nNombre)
FIN
TANTQUE Dépile(pReprise, sAdresse)
	Trace("reprise " + sAdresse + " " + eEtat..Nom)
FIN

PROCÉDURE Router(sA est une chaîne, nPort est un entier = 25)
sDomaine est une chaîne = ExtraitChaîne(sA, 2, "@")
SI taServeurs[sDomaine]..Existe ALORS RENVOYER (taServeurs[sDomaine] + ":" + nPort, Envoyé)
RENVOYER (taServeurs[sDomaine], Refusé)
