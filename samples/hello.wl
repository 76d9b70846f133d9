// The smallest script: variables, a loop, a procedure.
Name is string = "world"
Count is int = 3

FOR i = 1 TO Count
	Info("Hello " + Name + " (" + i + ")")
END
Info(Greeting("WLanguage"))

PROCEDURE Greeting(Who is string)
RESULT "Welcome to " + Who + "!"
