// Associative arrays: keys, a missing key, Count, Exist, FOR EACH with the key, options.
sizes is associative array of int
sizes["a.txt"] = 120
sizes["b.txt"] = 45
sizes["a.txt"] += 1
Trace(sizes["a.txt"] + sizes["b.txt"])
Trace("missing: " + sizes["c.txt"])
Trace("count: " + sizes..Count + " " + ArrayCount(sizes))
Trace("exist: " + sizes["b.txt"]..Exist + " " + sizes["c.txt"]..Exist)
Trace("still: " + sizes..Count)
name is string
size is int
FOR EACH size, name OF sizes
	Trace(name + " = " + size)
END
FOR EACH ELEMENT size OF sizes
	Trace(size)
END
// Keys compared without case or accents; a default value for a missing key.
people is associative array (ccIgnoreCase + ccIgnoreAccent, "?") of string
people["Élodie"] = "Paris"
Trace(people["ELODIE"] + " " + people["nobody"])
// Integer keys.
squares is associative array (WithoutDuplicates, 0, wlInt) of int
FOR i = 1 TO 4
	squares[i] = i * i
END
Trace(squares[3] + squares["4"])
ArrayDelete(sizes, "a.txt")
Trace("after delete: " + sizes..Count + " " + sizes..Empty)
ArrayDeleteAll(sizes)
Trace("after delete all: " + sizes..Count + " " + sizes..Empty)
// Assignment copies.
copy is associative array of int
sizes["x"] = 1
copy = sizes
copy["x"] = 2
Trace(sizes["x"] + " " + copy["x"])
