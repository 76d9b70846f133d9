// Le SI sur une ligne sans ALORS.
x est un entier = -3
SI x < 0 x = 0
Trace(x)
SI x = 0 x += 5
Trace(x)
SI x > 100 x = 100
Trace(x)
SI x > 1 ALORS Trace("avec ALORS")
POUR i = 1 _À_ 3
    SI i = 2 CONTINUER
    Trace(i)
FIN
