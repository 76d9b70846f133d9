// args: un deux
Info(LigneCommande(), LigneCommande(2), SysEnvironnement("WLMAIL_BUILTINS_TEST"))
FinProgramme()
Info("jamais")
