// A class with members of each visibility, a GLOBAL member, a constructor with
// arguments, a destructor, methods, inheritance with a base constructor call,
// overriding (virtual dispatch through a dynamic object typed as the base class).
cAnimal is Class
	PROTECTED
	m_sName is string
	PUBLIC
	m_nLegs is int = 4
	GLOBAL gnCount is int
	CONSTANT KINGDOM = "animals"
END
cDog is Class
	inherits from cAnimal
	PRIVATE m_sToy is string = "bone"
END
a is cAnimal("Cat")
Trace(a.Speak())
Trace(a:m_nLegs, cAnimal::gnCount, cAnimal::KINGDOM)
d is cDog dynamic = new cDog("Rex")
Show(d)
Show(a)
Trace(cAnimal::gnCount)
d.Rename("Max")
Trace(d.Speak())
delete d
Trace(d = NULL)
PROCEDURE cAnimal::Constructor(sName is string)
m_sName = sName
cAnimal::gnCount++
PROCEDURE cAnimal::Destructor()
Trace("bye " + m_sName)
PROCEDURE cAnimal::Speak()
RESULT m_sName + " makes a sound (" + KINGDOM + ")"
PROCEDURE cAnimal::Name(): string
RESULT :m_sName
PROCEDURE cAnimal::Rename(sNew is string)
:m_sName = sNew
PROCEDURE cDog::Constructor(sName is string)
Constructor cAnimal(sName + " the dog")
PROCEDURE cDog::Speak()
RESULT MySelf.Name() + " barks with a " + m_sToy + ", " + cAnimal::Speak()
PROCEDURE Show(x is cAnimal dynamic)
Trace(x.Speak())
