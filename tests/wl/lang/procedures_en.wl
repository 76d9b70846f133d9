// Main code first; procedures run to the next PROCEDURE; by-reference arguments
total is int = 1
Double(total)
Info(total)
Info(Add2(2, 3), Add2(2))
Info(Fact(5))
Bump()
Info(total)
x is int = 10
KeepLocal(x)
Info(x)
Info(Twice(4))

INTERNAL PROCEDURE Twice(v)
	RESULT v * 2
END

PROCEDURE Double(v is int)
v = v * 2

PROCEDURE Add2(a is int, b is int = 10) : int
RESULT a + b

PROCEDURE Fact(n)
IF n <= 1 THEN RESULT 1
RESULT n * Fact(n - 1)

PROCEDURE Bump
total += 100
RETURN
total = -1

PROCEDURE KeepLocal(LOCAL v is int)
v = 0
