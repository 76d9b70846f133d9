// A property defined again by a class that inherits: the object's class decides, like a
// method; cBase::Label in the heir is the base's own; a PROTECTED assignment process is
// used by the heir's methods.
cBase is Class
	PROTECTED m_s is string
END
cHeir is Class
	inherits from cBase
END
b is cBase dynamic = new cHeir
b.Label = "x"
Trace(b.Label)
h is cHeir
h.Rename("y")
Trace(h.Label)
Trace(h.BaseLabel())
PROPERTY cBase::Label()
RESULT "base " + m_s
PROPERTY cBase::Label(s is string)
m_s = s
PROPERTY cHeir::Label()
RESULT "heir " + m_s
PROPERTY cHeir::Label(s is string)
m_s = Upper(s)
PROCEDURE cHeir::Rename(s is string)
Label = s
PROCEDURE cHeir::BaseLabel()
RESULT cBase::Label
