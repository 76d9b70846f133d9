// WithDuplicates: a key may have several elements. `a[k] = v` adds one; `a[k]` reads
// the first one added; FOR EACH goes through every element in the order they came in;
// ArrayDelete removes the key with all its elements.
headers is associative array (WithDuplicates) of string
headers["Received"] = "from mx1.example.com"
headers["Subject"] = "Hello"
headers["Received"] = "from mx2.example.com"
Trace(headers..Count + " " + ArrayCount(headers) + " " + headers["Received"])
Trace(headers["Received"]..Exist + " " + headers["X-Spam"]..Exist)
FOR EACH value, name OF headers
	Trace(name + ": " + value)
END
// x..Key: the key of the element FOR EACH is on.
FOR EACH value OF headers
	IF value..Key = "Received" THEN Trace("hop " + value)
END
ArrayDelete(headers, "Received")
Trace(headers..Count + " " + headers["Received"]..Exist)
// The options combine: duplicates and keys compared without case.
folded is associative array (WithDuplicates + ccIgnoreCase) of int
folded["To"] = 1
folded["TO"] = 2
Trace(folded..Count + " " + folded["to"])
// Without duplicates, `a[k] = v` replaces.
single is associative array of int
single["k"] = 1
single["k"] = 2
Trace(single..Count + " " + single["k"])
