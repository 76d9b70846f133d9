// `list of T` (PC SOFT, "List (Type of variable)"): added at the end or inserted,
// Occurrence and Empty, FOR EACH in order.
names is list of string
names.Add("bob@example.com")
Add(names, "carol@example.com")
names.Insert(1, "ann@example.com")
ArrayInsert(names, 4, "dave@example.com")
Trace(names..Occurrence + " " + ArrayCount(names) + " " + names.Count() + " " + names..Empty)
FOR EACH address OF names
	Trace(address)
END
names.Delete(2)
ArrayDelete(names, 1)
FOR EACH address, position OF names
	Trace(position + ": " + address)
END
// `=` copies a list; a procedure gets the list itself.
copy is list of string
copy = names
copy.Add("erin@example.com")
Trace(names..Occurrence + " " + copy..Occurrence)
AddOne(names)
Trace(names..Occurrence)
names.DeleteAll()
Trace(names..Empty)
// A position out of range is a fatal error.
WHEN EXCEPTION IN
	names.Delete(1)
DO
	Trace(ExceptionInfo())
END

PROCEDURE AddOne(l is list of string)
l.Add("frank@example.com")
