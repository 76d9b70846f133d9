// réels et chaînes dimensionnés
r est un réel sur 4 octets = 2 / 3
Trace(r)
c est une chaîne sur 3 = "abcdef"
Trace(c)
