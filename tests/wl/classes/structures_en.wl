// Structures: fields with defaults, nested structures, arrays of structures
// (ArrayAdd copies), assignment copies, a structure as a parameter (by reference)
// and as a return type.
STMail is Structure
	sTo is string
	nPort is int = 25
	tags is array of string
END
STBox is Structure
	sOwner is string
	mail is STMail
END
m is STMail
m.sTo = "a@example.org"
ArrayAdd(m.tags, "x")
n is STMail = m
n.sTo = "b@example.org"
Trace(m.sTo, n.sTo, n.nPort, n.tags.Count)
arr is array of STMail
ArrayAdd(arr, m)
ArrayAdd(arr, n)
arr[1].nPort = 587
Trace(arr[1].nPort, m.nPort, arr.Count)
b is STBox
b.mail.sTo = "c@example.org"
Trace(b.mail.sTo, b.mail.nPort)
Fill(m)
Trace(m.sTo)
FOR EACH e OF arr
	Trace(e.sTo)
END
fixed is array of 2 STMail
Trace(fixed[2].nPort)
Trace(Make().sTo)
PROCEDURE Fill(x is STMail)
x.sTo = "filled"
PROCEDURE Make(): STMail
r is STMail
r.sTo = "made"
RESULT r
