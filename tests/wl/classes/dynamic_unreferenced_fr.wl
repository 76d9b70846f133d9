// Un objet dynamique est libéré quand plus rien ne le référence (doc.pcsoft.fr 1511012,
// 6010012) : son destructeur s'exécute alors ; à la fin du code principal pour ceux qui
// restent, le dernier alloué d'abord.  FinProgramme termine aussi le code principal.
cFichier est une Classe
	sNom est une chaîne
FIN
tab est un tableau de cFichier dynamique
f est un objet cFichier dynamique
f = allouer un cFichier("un")
TableauAjoute(tab, f)
f = allouer un cFichier("deux")
Trace("un est dans le tableau")
TableauSupprime(tab, 1)
Trace("un supprimé du tableau")
g est un objet cFichier dynamique = allouer un cFichier("trois")
Fabrique()
FinProgramme()
Trace("jamais")
PROCÉDURE Fabrique()
h est un objet cFichier dynamique = allouer un cFichier("quatre")
RENVOYER h
PROCÉDURE cFichier::Constructeur(s est une chaîne)
sNom = s
PROCÉDURE cFichier::Destructeur()
Trace("libère " + sNom)
