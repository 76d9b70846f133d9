// exit: 1
Color is Enumeration
	Red
	Green
END
c is Color
c = 1
Trace(Color.Blue)
Trace(c..Colour)
