// a shared procedure
PROCEDURE Greet(sName is string)
Trace("hello " + sName)
