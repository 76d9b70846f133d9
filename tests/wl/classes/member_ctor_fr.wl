// Les membres objets sont construits avec le constructeur de leur classe (doc.pcsoft.fr
// 6010001) : m est un cPoint(1, 2) dans la classe, ou Constructeur m(...) dans le constructeur.
cPoint est une Classe
	x, y sont des entiers
FIN
cBase est une Classe
	origine est un cPoint(0, 0)
FIN
cSegment est une Classe
	hérite de cBase
	arrivée est un objet cPoint
FIN
s est un cSegment(5, 6)
Trace(s.origine.x + "," + s.origine.y + " -> " + s.arrivée.x + "," + s.arrivée.y)
PROCÉDURE cPoint::Constructeur(nX est un entier, nY est un entier)
x = nX
y = nY
Trace("point " + x + "," + y)
PROCÉDURE cPoint::Destructeur()
Trace("~point " + x + "," + y)
PROCÉDURE cSegment::Constructeur(nX est un entier, nY est un entier)
Constructeur arrivée(nX, nY)
Trace("segment")
