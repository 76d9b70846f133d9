// angle-bracket attributes are parsed and kept; a parameter's type may come without IS
Trace(Join("a", "b"))
total is int <useful> = 2
label is string = "x" <serialize="Label">
Trace(total, label)
Trace(1 < 2, 3 > 4)

PROCEDURE Join(first string, second is string <useful>, sep is string = "-" <useful>) <extension>
RESULT first + sep + second
