// Object members are made with their class's constructor (doc.windev.com 6010001, "Syntax of
// constructors for the base classes and members"): m is cPoint(1, 2) in the class, or
// Constructor m(...) in the class's constructor; destroyed after the object, last first.
cPoint is Class
 x, y are int
END
cLog is Class
 sName is string
END
cBox is Class
 a is cPoint(1, 2)
 b is cPoint
 log is cLog
END
o is cBox
Trace(o.a.x + "," + o.a.y + " " + o.b.x + "," + o.b.y + " " + o.log.sName)
PROCEDURE cPoint::Constructor(nX is int = 0, nY is int = 0)
x = nX; y = nY
Trace("point " + x + "," + y)
PROCEDURE cPoint::Destructor()
Trace("~point " + x + "," + y)
PROCEDURE cLog::Constructor(s is string)
sName = s
PROCEDURE cBox::Constructor()
Constructor b(3, 4)
Constructor log("box")
Trace("box")
PROCEDURE cBox::Destructor()
Trace("~box")
