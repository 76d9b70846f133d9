// _TO_, _AND_, _OR_: the underscored keywords of exported code
t is int
FOR i = 1 _TO_ 4
	t += i
END
Trace(t)
IF t > 5 _AND_ t < 20 THEN Trace("between")
IF t = 0 _OR_ t = 10 THEN Trace("ten")
