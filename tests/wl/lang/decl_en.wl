// Declarations: is, is a, are, initialisers, conversion on assignment
n is int = "12"
r is a real = 2.5
s is string
a, b are int
a = 2; b = 3
ok is boolean = True
let t = "inferred"
Info(n + 1, r * 2, "[" + s + "]", a + b, ok, t)
x is int
x = 7.9
Info(x)
