// an attribute between the parameters and the return type
Trace(Twice(21))
Trace(Label("x"))

PROCEDURE Twice(n is int) <extension> : int
RESULT n * 2

PROCEDURE Label(s is string) <extension> : string <description="a label">
RESULT "[" + s + "]"
