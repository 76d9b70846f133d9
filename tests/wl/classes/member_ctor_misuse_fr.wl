// exit: 1
// Le constructeur du membre attend des paramètres : il faut les donner (doc.pcsoft.fr 6010001).
cServeur est une Classe
	sNom est une chaîne
FIN
cCompte est une Classe
	serveur est un cServeur
FIN
c est un cCompte
PROCÉDURE cServeur::Constructeur(s est une chaîne)
sNom = s
