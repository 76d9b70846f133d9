// Nombres et conversions, noms français
Info(NumériqueVersChaîne(1.5, "6.2f"), Val("3,5"), Arrondi(-2.5), PartieEntière(9.99))
Info(EstNumérique("x"), Hasard(1, 1))
