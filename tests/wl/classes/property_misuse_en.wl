// exit: 1
// What WINDEV refuses when it compiles (6010011): assigning a read-only property,
// reading a write-only one, a private or protected process used outside, two getters...
cA is Class
 m_n is int
END
cB is Class
 inherits from cA
END
o is cA
o.RO = 1
Trace(o.WO)
Trace(o.Hidden)
o.Half = 2
Trace(o.Half)
Trace(o.RO())
PROPERTY cA::RO()
RESULT 1
PROPERTY cA::WO(v)
m_n = v
PROPERTY PRIVATE cA::Hidden()
RESULT 2
PROPERTY cA::Half()
RESULT m_n
PROPERTY PROTECTED cA::Half(v)
m_n = v
PROPERTY cA::RO()
RESULT 3
PROPERTY cA::m_n()
RESULT 3
PROPERTY cA::Two(a, b)
PROPERTY Loose()
RESULT 1
PROCEDURE cB::Try()
Half = 5
Trace(Hidden)
