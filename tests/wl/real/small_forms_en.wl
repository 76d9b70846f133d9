// LOOP (n), chained comparisons
n is int
LOOP (3)
	n++
END
Trace(n)
LOOP (10)
	n++
	IF n = 5 THEN BREAK
END
Trace(n)
x is int = 4
Trace(1 < x < 6, 1 < x <= 3)
IF 0 <= x < 10 THEN Trace("one digit")
