// GLOBAL (static) methods and members, a base method that calls an overridden one
// (every method is virtual), PROTECTED members used by a derived class, arguments passed
// by reference to a method, an object passed to a procedure (by reference), and
// destructors run when the procedure that declared the object ends.
cCounter is Class
	GLOBAL gnMade is int = 100
	PROTECTED m_nValue is int
END
cDouble is Class
	inherits from cCounter
END
Trace(cCounter::Made())
c is cCounter
c.Add(2)
Trace(c.Describe())
d is cDouble
d.Add(2)
Trace(d.Describe())
n is int = 5
d.Take(n)
Trace(n)
Bump(c)
Trace(c.Describe())
Scope()
Trace("after Scope")
Trace(cCounter::Made())
PROCEDURE GLOBAL cCounter::Made(): int
RESULT gnMade
PROCEDURE cCounter::Constructor()
gnMade++
PROCEDURE cCounter::Step(): int
RESULT 1
PROCEDURE cCounter::Add(nTimes is int)
FOR i = 1 TO nTimes
	m_nValue += Step()
END
PROCEDURE cCounter::Describe(): string
RESULT "value " + m_nValue
PROCEDURE cCounter::Take(x is int)
x = m_nValue
PROCEDURE cDouble::Step(): int
RESULT 2 * cCounter::Step()
PROCEDURE cDouble::Destructor()
Trace("a cDouble ends with " + m_nValue)
PROCEDURE Bump(o is cCounter)
o.Add(10)
PROCEDURE Scope()
oTmp is cDouble
oTmp.Add(1)
