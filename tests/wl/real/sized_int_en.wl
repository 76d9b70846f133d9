// sized integers keep their range: a value outside it keeps its low bytes
a is 1-byte int = 127
a++
Trace(a)
b is unsigned 1-byte int = -1
Trace(b)
c is 2-byte unsigned int = 65541
Trace(c)
d is int on 8 bytes = 9223372036854775807
d += 1
Trace(d)
e is byte = 300
Trace(e)
f is 4-byte int = 2147483648
Trace(f)
g is unsigned int = -1
Trace(g)
h is int = 9223372036854775808    // a plain int has no size limit
Trace(h)
Trace(Wrap(130))

PROCEDURE Wrap(n is 1-byte int)
RESULT n
