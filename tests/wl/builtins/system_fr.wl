// args: un deux
// env: WLMAIL_BUILTINS_TEST=from the test
Info(LigneCommande(), LigneCommande(2), SysEnvironnement("WLMAIL_BUILTINS_TEST"))
FinProgramme()
Info("jamais")
