// une espace insécable (U+00A0) est un blanc
n est un entier = 2
SI n = 2 ALORS
  Trace("oui")
FIN
Erreur()
