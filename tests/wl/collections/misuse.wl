// Collections used where they do not fit: clear fatal errors, caught here.
a is associative array of int
s is stack of int
x is int
WHEN EXCEPTION IN
	x = a + 1
DO
	Trace(ExceptionInfo())
END
WHEN EXCEPTION IN
	IF a = s THEN Trace("never")
DO
	Trace(ExceptionInfo())
END
WHEN EXCEPTION IN
	a = s
DO
	Trace(ExceptionInfo())
END
keyed is associative array (WithoutDuplicates, 0, wlInt) of int
WHEN EXCEPTION IN
	keyed["ten"] = 10
DO
	Trace(ExceptionInfo())
END
WHEN EXCEPTION IN
	ArrayDelete(a, "none")
DO
	Trace(ExceptionInfo())
END
// A Variant holding an associative array: its key is known when it runs.
v is Variant
v = a
v["k"] = 3
FOR EACH e, k OF v
	Trace(k + " " + e)
END
// An empty collection equals Null, as an empty array does; it is not text.
empty is associative array of int
IF empty = Null THEN Trace("empty = Null")
text is string
WHEN EXCEPTION IN
	text = a
DO
	Trace(ExceptionInfo())
END
