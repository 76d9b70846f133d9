FOR i = 10 TO 1 STEP -3
	Trace(i)
END
n is int = 0
WHILE n < 3
	n++
END
Info(n)
LOOP
	n++
	IF n = 5 THEN CONTINUE
	IF n >= 7 THEN BREAK
	Trace("loop " + n)
END
FOR j = 1 TO 3
	IF j = 2 THEN CONTINUE
	Trace("j" + j)
END
