x is int = 5
IF x > 3 THEN
	Info("big")
ELSE IF x > 1 THEN
	Info("medium")
ELSE
	Info("small")
END
IF x = 5 THEN Info("five") ELSE Info("not five")
IF x = 4 THEN a is int = 1; Info("a") ELSE Info("b"); Info("c")
IF x = 5 THEN Info("one-line with END") END
IF x < 0
	Info("no THEN needed")
END
