// exit: 1
Greet(*, "x")
PROCEDURE Greet(name, greeting = "Hello")
Trace(greeting + " " + name)
