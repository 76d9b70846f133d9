// A variable of type Procedure holds a procedure; calling the variable calls it.
transform is Procedure = Double
Trace(transform(21))
transform = Shout
Trace(transform("hello"))
Apply(Double, 5)
Apply(Shout, "hi")
PROCEDURE Double(x)
RESULT x * 2
PROCEDURE Shout(text, mark = "!")
RESULT Upper(text) + mark
PROCEDURE Apply(how is Procedure, value)
Trace("applied: " + how(value))
