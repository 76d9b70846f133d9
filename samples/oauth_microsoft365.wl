// Envoyer un message par Microsoft 365 (Outlook, Exchange Online) avec OAuth 2.0.
// Sending one message through Microsoft 365 with OAuth 2.0 — written with the French
// names, which wlmail accepts as well as the English ones.
// Set-up (once): docs/oauth.md, "Microsoft 365". The application's values are read from
// oauth.ini beside this script:
//
//   [Microsoft]
//   ClientID=00000000-0000-0000-0000-000000000000
//   ClientSecret=
//   Tenant=organizations
//   Mailbox=you@yourcompany.com
//
// ClientSecret may stay empty when the app registration allows public client flows.
// Run:  wlmail run oauth_microsoft365.wl -- someone@example.com

FichierIni est une chaîne = fRepEnCours() + [fSep] + "oauth.ini"
BoiteMail est une chaîne = INILit("Microsoft", "Mailbox", "", FichierIni)
SI BoiteMail = "" ALORS
	Erreur("Renseignez ClientID, Tenant et Mailbox dans " + FichierIni + " (voir docs/oauth.md).")
	RETOUR
FIN
Locataire est une chaîne = INILit("Microsoft", "Tenant", "organizations", FichierIni)

OAuthMicrosoft est un OAuth2Paramètres
OAuthMicrosoft.ClientID = INILit("Microsoft", "ClientID", "", FichierIni)
OAuthMicrosoft.ClientSecret = INILit("Microsoft", "ClientSecret", "", FichierIni)
OAuthMicrosoft.URLAuth = "https://login.microsoftonline.com/" + Locataire + "/oauth2/v2.0/authorize"
OAuthMicrosoft.URLToken = "https://login.microsoftonline.com/" + Locataire + "/oauth2/v2.0/token"
// offline_access: Microsoft gives a refresh token only when it is asked for.
OAuthMicrosoft.Scope = "https://outlook.office.com/SMTP.Send offline_access"
OAuthMicrosoft.URLRedirection = "http://localhost:9000"
OAuthMicrosoft.TypeRéponse = oauth2TypeRéponseCode
OAuthMicrosoft.ParamètresSupplémentaires = "login_hint=" + BoiteMail

MaSession est une emailSessionSMTP
MaSession.AdresseServeur = "smtp.office365.com"
MaSession.Port = 587
MaSession.Option = emailOptionSécuriséTLS
MaSession.Nom = BoiteMail
MaSession.AuthToken = AuthIdentifie(OAuthMicrosoft)

SI MaSession.AuthToken = Null ALORS
	Erreur("Microsoft n'a pas donné de jeton d'accès : " + ErreurInfo())
	RETOUR
FIN

SI PAS EmailOuvreSession(MaSession) ALORS
	Erreur("Impossible d'ouvrir la session SMTP : " + ErreurInfo())
	RETOUR
FIN

MonMessage est un Email
MonMessage.Expéditeur = BoiteMail
Destinataire est une chaîne = LigneCommande(1)
SI Destinataire = "" ALORS Destinataire = BoiteMail
MonMessage.Destinataire.Ajoute(Destinataire)
MonMessage.Sujet = "Envoyé par wlmail avec OAuth 2.0"
MonMessage.Message = "Ce message est passé par smtp.office365.com avec un jeton OAuth 2.0."
SI EmailEnvoieMessage(MaSession, MonMessage) ALORS
	Info("Message envoyé à " + Destinataire)
SINON
	Erreur("Le message n'est pas parti : " + ErreurInfo())
FIN
EmailFermeSession(MaSession)
