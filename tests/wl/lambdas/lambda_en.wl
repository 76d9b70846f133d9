// Lambdas (PC SOFT, doc.windev.com/?1514084): procedure values written where they are used
n is int = 10
add is Procedure = (a, b) => { RESULT a + b + n }
twice is Procedure = x => x * 2
hello is Procedure = () => {
	Trace("hello from a lambda")
	RESULT "done"
}
Trace(add(1, 2))
Trace(twice(21))
Trace(hello())
n = 100                                  // the lambda sees the variable, not a copy
Trace(add(1, 2))
// A typed lambda procedure
mul is Procedure = PROCEDURE(a is int, b is int): int { RESULT a * b }
Trace(mul(6, 7))
// Passed to a procedure whose parameter is a Procedure
Trace(Apply(x => x + 1, 41))
Trace(Apply(Square, 9))
// Closures: the counter keeps its own variable after MakeCounter returned
c1 is Procedure = MakeCounter()
c2 is Procedure = MakeCounter()
Trace(c1(), c1(), c1(), c2())
// An internal procedure as a value
INTERNAL PROCEDURE Shout(s)
	RESULT Upper(s) + "!"
END
p is Procedure = Shout
Trace(p("hi"))
// Several statements on one line, and a block on several lines
total is int
sum is Procedure = (a, b) => { total += a; total += b }
sum(2, 3)
Trace(total)
classify is Procedure = v => {
	IF v < 0 THEN
		RESULT "negative"
	END
	RESULT "not negative"
}
Trace(classify(-1), classify(4))
// Called where it is written
Trace(((a, b) => a * b)(6, 7))
// A lambda that makes lambdas: each keeps its own `a`
adder is Procedure = a => b => a + b
add2 is Procedure = adder(2)
add5 is Procedure = adder(5)
Trace(add2(40), add5(40))

PROCEDURE Apply(f is Procedure, v)
RESULT f(v)

PROCEDURE Square(v)
RESULT v * v

PROCEDURE MakeCounter()
count is int = 0
RESULT () => { count++; RESULT count }
