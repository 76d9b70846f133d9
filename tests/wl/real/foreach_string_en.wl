// FOR EACH ELEMENT and FOR EACH STRING ... SEPARATED BY
names is array of strings = ["Ann", "Bob"]
FOR EACH ELEMENT who OF names
	Trace(who)
END
FOR EACH element OF names    // a variable named element
	Trace(element)
END
FOR EACH STRING part OF "a;b;;c" SEPARATED BY ";"
	Trace("[" + part + "]")
END
FOR EACH STRING part OF "1,2|3" SEPARATED BY [",", "|"]
	IF part = "3" THEN BREAK
	Trace(part)
END
