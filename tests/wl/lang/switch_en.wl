FOR n = 1 TO 6
	SWITCH n
		CASE 1, 2: Info("one or two")
		CASE 3 TO 4:
			Info("three to four")
		CASE > 5:
			Info("more than five")
		OTHER CASE:
			Info("other " + n)
	END
END
s is string = "b"
SWITCH s
	CASE "a": Info("A")
	CASE "b": Info("B")
END
