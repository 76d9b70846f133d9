// Propriétés de classe (doc.pcsoft.fr 6010011) : PROPRIÉTÉ cA::Nom() pour la récupération,
// PROPRIÉTÉ cA::Nom(Valeur) pour l'affectation ; une propriété GLOBALE ; en lecture seule.
cCompte est une Classe
	PRIVÉ
	m_sNom est une chaîne
	GLOBAL PRIVÉ gnComptes est un entier
FIN
c est un cCompte
c.Nom = "anne"
Trace(c:Nom)
c.Nom += " marie"
Trace(c.Nom)
Trace(cCompte::Nombre)
d est un objet cCompte dynamique
d = allouer un cCompte
Trace(cCompte::Nombre)
Trace(d.Initiale)
c.Nom = ""
Trace("[" + c.Initiale + "]")
QUAND EXCEPTION DANS
	d = Null
	Trace(d.Nom)
FAIRE
	Trace(ExceptionInfo())
FIN
PROCÉDURE cCompte::Constructeur()
gnComptes++
m_sNom = "inconnu"
PROPRIÉTÉ cCompte::Nom() : chaîne
RENVOYER m_sNom
PROPRIÉTÉ cCompte::Nom(sValeur est une chaîne)
m_sNom = Majuscule(sValeur)
PROPRIÉTÉ GLOBALE cCompte::Nombre() : entier
RENVOYER gnComptes
PROPRIÉTÉ cCompte::Initiale()
SI :Nom = "" ALORS RENVOYER ""
RENVOYER Gauche(Nom, 1)
