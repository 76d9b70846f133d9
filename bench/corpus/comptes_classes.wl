// Des comptes dans des classes, écrits comme le code exporté par WINDEV en français.
STServeur est une Structure
	sAdresse est une chaîne
	nPort est un entier = 465
FIN

cCompte est une Classe
	PROTÉGÉ
	m_stServeur est un STServeur
	PUBLIC
	m_sNom est une chaîne
	GLOBAL gnComptes est un entier
FIN

cCompteSécurisé est une Classe
	hérite de cCompte
	PRIVÉ m_bVérifié est un booléen
FIN

stS est un STServeur
stS.sAdresse = "smtp.exemple.fr"
c est un objet cCompteSécurisé("jules@exemple.fr", stS)
d est un cCompte dynamique = allouer un cCompteSécurisé("lea@exemple.fr", stS)
Trace(c.Décrit(), d:Décrit(), cCompte::gnComptes)
c.Port = 587
Trace(c:Port)
libérer d

PROCÉDURE cCompte::Constructeur(sNom est une chaîne, stServeur est un STServeur)
m_sNom = sNom
m_stServeur = stServeur
gnComptes++

FONCTION cCompte::Décrit() : chaîne
RENVOYER MoiMême.m_sNom + " sur " + m_stServeur.sAdresse

PROCÉDURE cCompteSécurisé::Constructeur(sNom est une chaîne, stServeur est un STServeur)
Constructeur cCompte(sNom, stServeur)
m_bVérifié = Vrai

FONCTION cCompteSécurisé::Décrit() : chaîne
RENVOYER cCompte::Décrit() + (m_bVérifié ? " (vérifié)" SINON "")
PROPRIÉTÉ cCompte::Port() : entier
RENVOYER m_stServeur.nPort
PROPRIÉTÉ cCompte::Port(nPort est un entier)
m_stServeur.nPort = nPort
