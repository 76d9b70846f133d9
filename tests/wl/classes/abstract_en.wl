// exit: 1
// A class whose method is still abstract cannot be instantiated; constructor arguments
// are checked like a procedure's.
cShape is Class
END
cSquare is Class
	inherits from cShape
END
s is cSquare
q is cShape dynamic = new cSquare(3)
PROCEDURE ABSTRACT cShape::Area()
PROCEDURE cShape::Constructor()
