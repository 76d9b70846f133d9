Info(Salut("monde"))
PROCÉDURE Salut(Qui est une chaîne)
RENVOYER "Bonjour " + Qui
