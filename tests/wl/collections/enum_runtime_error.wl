// exit: 1
Color is Enumeration
	Red
	Green
END
c is Color
v is Variant = "Red"
Trace("before")
c = v
