// cond ? a SINON b, x DANS (a, b)
n est un entier = 3
Trace(n > 2 ? "grand" SINON "petit")
Trace(n = 0 ? 1 / 0 SINON "pas de division")
s est une chaîne = (n modulo 2 = 0 ? "pair" sinon "impair")
Trace(s)
Trace(n DANS (1, 2, 3))
Trace("b" dans ("a", "c"))
SI s DANS ("impair", "pair") ALORS Trace("parité")
