// _À_, _A_, _ET_, _OU_ : les mots-clés soulignés du code exporté
t est un entier
POUR i = 1 _À_ 4
	t += i
FIN
POUR j = 1 _A_ 2
	t += j
FIN
Trace(t)
SI t > 5 _ET_ t < 20 ALORS Trace("entre")
SI t = 0 _OU_ t = 13 ALORS Trace("treize")
