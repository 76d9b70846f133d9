// Several return values: RESULT (x, y) and (a, b) = f(); (a, b) = (b, a) swaps.
low, high are int
(low, high) = MinMax([4, 1, 9])
Trace(low + " " + high)
(low, high) = (high, low)
Trace(low + " " + high)
// One value: it goes to the first variable, the others keep theirs.
name is string
(name, low) = "only"
Trace(name + " " + low)
Trace(MinMax([2, 3]))
PROCEDURE MinMax(values is array of int)
lo, hi are int
lo = values[1]
hi = values[1]
FOR EACH v OF values
	IF v < lo THEN lo = v
	IF v > hi THEN hi = v
END
RESULT (lo, hi)
