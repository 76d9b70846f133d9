// ArraySort / Sort / <array>.Sort, with its constants and a comparison procedure
t is array of int = [3, 1, 2, 5]
ArraySort(t)
Trace(ArrayToString(t, ","))
t.Sort(asDescending)
Trace(ArrayToString(t, ","))
Sort(t, asAscending)
Trace(ArrayToString(t, ","))
// A lambda as the comparison procedure: largest first
ArraySort(t, asFunction, (a, b) => b - a)
Trace(ArrayToString(t, ","))
names is array of string = ["bob", "Ann", "carl", "dave"]
ArraySort(names)
Trace(ArrayToString(names, ","))
// The documented form: an internal procedure, by its name
INTERNAL PROCEDURE ByLength(e1, e2)
	IF Length(e1) < Length(e2) THEN RESULT -1
	IF Length(e1) > Length(e2) THEN RESULT 1
	RESULT 0
END
// A global procedure
ArraySort(names, asFunction, Reverse)
Trace(ArrayToString(names, ","))
names.Sort(asFunction, ByLength)
Trace(ArrayToString(names, ","))      // equal lengths keep their order
// An array of structures
STPerson is Structure
	name is string
	age is int
END
people is array of STPerson
p is STPerson
p.name = "Ann"; p.age = 40; ArrayAdd(people, p)
p.name = "Bob"; p.age = 25; ArrayAdd(people, p)
p.name = "Cid"; p.age = 31; ArrayAdd(people, p)
ArraySort(people, asFunction, (x, y) => x.age - y.age)
FOR EACH q OF people
	Trace(q.name + " " + q.age)
END

PROCEDURE Reverse(a, b)
IF a < b THEN RESULT 1
IF a > b THEN RESULT -1
RESULT 0
