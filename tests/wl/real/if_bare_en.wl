// The one-line IF without THEN, beside the other IF forms.
x is int = -3
IF x < 0 x = 0
Trace(x)
IF x = 0 x += 5
Trace(x)
IF x > 1 Trace("big"); x++
Trace(x)
IF x > 100 x = 100
Trace(x)
IF x > 1 THEN Trace("THEN one-liner")
IF x > 100 THEN Trace("no") ELSE Trace("ELSE one-liner")
IF x > 1
    Trace("block")
END
n is int = Check(-1)
Trace(n)

PROCEDURE Check(v)
IF v < 0 RESULT 0
RESULT v
