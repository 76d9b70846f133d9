// `=` between arrays shares the array (PC SOFT, "Assignment operators"); `<=` and
// ArrayCopy copy it; associative arrays, stacks, queues and lists are copied by `=`.
a is array of int = [1, 2]
shared is array of int
shared = a
shared[1] = 10
Trace(a[1])
copied is array of int
copied <= a
copied[2] = 20
Trace(a[2] + " " + copied[2])
other is array of int
ArrayCopy(a, other)
other.Add(3)
Trace(a.Count + " " + other.Count)
// Another element type cannot be shared: the elements are converted into a new array.
texts is array of string
texts = a
texts[1] = "x"
Trace(a[1] + " " + texts[1])
m is associative array of int
m["k"] = 1
n is associative array of int
n = m
n["k"] = 2
Trace(m["k"] + " " + n["k"])
s is stack of int
Push(s, 1)
t is stack of int
t = s
Push(t, 2)
Trace(s.Count + " " + t.Count)
// A parameter is the caller's array; a LOCAL parameter is a copy.
Change(a)
Trace(a[1])
Keep(a)
Trace(a[1])
// ArrayAdd (and Push, Enqueue, a list's Add) adds a copy of an array: the row can be
// emptied and filled again.
rows is array of array of string
row is array of string
row.Add("ann@example.com")
rows.Add(row)
ArrayDeleteAll(row)
row.Add("bob@example.com")
Add(rows, row)
Trace(rows[1][1] + " " + rows[2][1])
// `<=` in a condition is still a comparison.
IF a[2] <= 2 THEN Trace("a[2] <= 2")

PROCEDURE Change(t is array of int)
t[1] = 100

PROCEDURE Keep(LOCAL t is array of int)
t[1] = -1
