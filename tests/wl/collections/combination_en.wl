// Combinations: any set of their values, combined with +, tested and changed with [ ].
Rights is Combination
	Reading
	Writing
	Deleting
END
r is Rights
Trace("none: [" + r + "]")
r = Reading + Writing
Trace(r + " | reading " + r[Reading] + ", deleting " + r[Deleting])
r[Deleting] = True
r[Reading] = False
Trace(r)
IF r = Writing + Rights.Deleting THEN Trace("equal")
IF r <> Reading THEN Trace("differs")
r = 0
Trace("cleared: [" + r + "]")
