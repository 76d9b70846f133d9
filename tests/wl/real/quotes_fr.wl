// Guillemets typographiques.
s est une chaîne = “Bonjour”
Trace(s + “ à tous”)
Trace(Taille(“é”))
