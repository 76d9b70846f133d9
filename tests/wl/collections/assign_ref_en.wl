// `<-` assigns by reference: both names are then the same array or collection.
a is array of int = [1, 2]
shared is array of int
copied is array of int
shared <- a
copied <= a
shared[1] = 100
Trace(a[1] + " " + copied[1])
m is associative array of string
alias is associative array of string
alias <- m
alias["k"] = "v"
Trace(m["k"])
// A simple value is assigned as with `=`; `a<-1` in a condition is still a comparison.
n is int
n <- "5"
IF n <-1 THEN
	Trace("negative")
ELSE
	Trace(n)
END
