// ++, += and .. on a property: the retrieval process, then the assignment process.
cA is Class
 PRIVATE m_n is int
END
a is cA
a.N++
a.N += 5
a..N = a..N * 2
Trace(a.N)
a.Bump()
Trace(a.N)
PROPERTY cA::N(): int
RESULT m_n
PROPERTY cA::N(v is int)
m_n = v
PROCEDURE cA::Bump()
N++
:N += 10
MySelf.N = MySelf.N + 100
