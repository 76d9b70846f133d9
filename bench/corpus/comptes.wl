// Des comptes de messagerie, écrits comme le code exporté par WINDEV en français.
CONSTANTE
	PORT_SMTP = 587
	PORT_SMTPS = 465
	NB_ESSAIS = 2
FIN
constante TITRE = <§$0009§>

nPort est un entier sur 2 octets = PORT_SMTP
nOctets est un entier sans signe sur 4 octets
bSecurise est un booléen = (nPort DANS (PORT_SMTPS, 993) ? Vrai SINON Faux)
sListe est une chaîne = "paris;lyon;lille"

POUR TOUTE CHAÎNE sVille DE sListe SÉPARÉE PAR ";"
	Trace(Majuscule(sVille[[1]]) + sVille[[2 À]])
FIN

tabComptes est un tableau d'entiers = [1, 2, 3]
POUR TOUT ÉLÉMENT nCompte, nRang DE tabComptes
	SI 1 <= nCompte < 3 ALORS Trace(Libellé(nCompte))
FIN

POUR i = 1 _À_ NB_ESSAIS
	nOctets += i * 1024
FIN
Trace(TITRE, bSecurise, nOctets)

FONCTION PRIVÉE Libellé(nCompte est un entier) : chaîne
SELON nCompte
	CAS 1
		RENVOYER "principal"
	CAS 2, 3
		RENVOYER "secondaire"
	AUTRE CAS
		RENVOYER "autre"
FIN

PROCÉDURE PUBLIQUE GLOBALE Lire(sChemin chaîne <utile>) : chaîne
sTexte est une chaîne = fChargeTexte(sChemin)
RENVOYER sTexte
CAS ERREUR:
	Erreur()
	RENVOYER ""
CAS EXCEPTION:
	RENVOYER "exception"
FIN:
	Trace("lecture terminée")

PROCÉDURE Archiver()
// Ces boucles demandent HFSQL ou une fenêtre : analysées, refusées à l'exécution.
POUR TOUT Message AVEC Lu = Vrai
	Trace(Message.Sujet)
FIN
POUR TOUTE LIGNE SÉLECTIONNÉE DE TABLE_Messages
	Trace(TABLE_Messages.COL_Sujet)
FIN
