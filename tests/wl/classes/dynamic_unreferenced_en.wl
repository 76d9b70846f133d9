// A dynamic object is destroyed when its last reference goes (doc.windev.com 1511012,
// 6010003, 6010012); those still alive when the main code ends (a cycle of references,
// a reference still held) are destroyed then, the last made first.
cNode is Class
 sName is string
 pNext is cNode dynamic
END
p is cNode dynamic
p = new cNode("a")
p = new cNode("b")
Trace("b made")
p = NULL
Trace("b gone")
Make()
Trace("after Make")
q is cNode dynamic = new cNode("c")
r is cNode dynamic = q
q = NULL
Trace("c still referenced by r")
x is cNode dynamic = new cNode("x")
y is cNode dynamic = new cNode("y")
x.pNext = y
y.pNext = x
x = NULL
y = NULL
Trace("x and y hold each other")
s is cNode dynamic = new cNode("s")
s.pNext = new cNode("s2")
s = NULL
Trace("end of the main code")
PROCEDURE Make()
t is cNode dynamic = new cNode("t")
Trace("in Make")
PROCEDURE cNode::Constructor(s is string)
sName = s
PROCEDURE cNode::Destructor()
Trace("~" + sName)
