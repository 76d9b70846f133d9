// cond ? a ELSE b (only the chosen side runs), x IN (a, b)
n is int = 3
Trace(n > 2 ? "big" ELSE "small")
Trace(n = 0 ? 1 / 0 ELSE "no division")
s is string = (n modulo 2 = 0 ? "even" ELSE "odd")
Trace(s)
Trace(n IN (1, 2, 3))
Trace("b" IN ("a", "c"))
IF s IN ("odd", "even") THEN Trace("parity")
