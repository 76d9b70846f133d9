// FUNCTION is PROCEDURE; modifiers and a return type are accepted and kept
Trace(Twice(21))
Trace(Greet("Ann"))
Hello()

FUNCTION Twice(n is int): int
RESULT n * 2

PROCEDURE PRIVATE GLOBAL Greet(who is string): string
RESULT "Hello " + who

function public virtual Hello()
Trace("hello")
