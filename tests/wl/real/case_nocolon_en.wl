// SWITCH with CASE lines without a colon, the body on the next lines (WINDEV's own layout)
FOR i = 0 TO 4
	Trace(Kind(i * 30))
END
Trace(Kind(2))

PROCEDURE Kind(n)
SWITCH n
	CASE 0
		RESULT "zero"
	CASE 1, 2
		RESULT "small"
	CASE 3 TO 60
		RESULT "middle"
	CASE > 99
		RESULT "big"
	OTHER CASE
		RESULT "other"
END
