// Les mêmes classes, écrites en français : est une Classe, hérite de, PRIVÉ, PROTÉGÉ,
// GLOBAL, MoiMême, allouer un, libérer, Constructeur, Destructeur.
cAnimal est une Classe
	PROTÉGÉ
	m_sNom est une chaîne
	PUBLIC
	m_nPattes est un entier = 4
	GLOBAL gnNombre est un entier
END
cChien est une Classe
	hérite de cAnimal
	PRIVÉ m_sJouet est une chaîne = "os"
FIN
a est un objet cAnimal("Chat")
Trace(a.Parle())
Trace(a:m_nPattes, cAnimal::gnNombre)
c est un cChien dynamique = allouer un cChien("Rex")
Montre(c)
Montre(a)
libérer c
Trace(c = Null)
PROCÉDURE cAnimal::Constructeur(sNom est une chaîne)
m_sNom = sNom
cAnimal::gnNombre++
PROCÉDURE cAnimal::Destructeur()
Trace("au revoir " + m_sNom)
PROCÉDURE cAnimal::Parle()
RENVOYER m_sNom + " fait un bruit"
PROCÉDURE cAnimal::Nom()
RENVOYER :m_sNom
PROCÉDURE cChien::Constructeur(sNom est une chaîne)
Constructeur cAnimal(sNom + " le chien")
PROCÉDURE cChien::Parle()
RENVOYER MoiMême.Nom() + " aboie avec un " + m_sJouet + ", " + cAnimal::Parle()
PROCÉDURE Montre(x est un cAnimal dynamique)
Trace(x.Parle())
