// `allouer un tableau de N T` / `allouer un tableau dynamique de N T`.
adresses est un tableau de chaînes
adresses = allouer un tableau de 2 chaînes
adresses[2] = "bob@example.com"
adresses.Ajoute("carole@example.com")
Trace(adresses..Occurrence + " " + adresses[3])
t est un tableau dynamique
t = allouer un tableau dynamique de 4 entiers
Trace(t..Occurrence + " " + t[4])
