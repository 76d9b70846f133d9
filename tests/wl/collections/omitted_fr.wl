// `*` pour un paramètre omis.
Saluer("Anne", *, " !")
PROCÉDURE Saluer(nom = "toi", salut = "Bonjour", marque = ".")
Trace(salut + " " + nom + marque)
