// Fonctions de chaînes, noms français
s est une chaîne = "Bonjour le monde"
Info(Taille(s), Majuscule("été"), Minuscule("ÉTÉ"))
Info(Gauche(s, 7) + "|" + Droite(s, 5) + "|" + Milieu(s, 9, 2))
Info(Position(s, "le"), Remplace(s, "monde", "courriel"), Contient(s, "MONDE", SansCasse))
Info("[" + SansEspace("  x  ") + "]", "[" + Complète("7", 3, "0") + "]")
Info(ExtraitChaîne("a" + TAB + "b", 2), ChaîneConstruit("%1/%2", 1, 2))
Info(ChaîneOccurrence("a,b,c", ","), Répète("-", 3), Caract(233))
morceaux est un tableau de chaînes
ChaîneVersTableau("x;y", morceaux, ";")
Info(TableauOccurrence(morceaux), morceaux[1])
Info(Taille(RC))
