// Typographic quotes (as pasted from a word processor) are string delimiters.
s is string = “Hello”
Trace(s)
Trace(“with "straight" quotes inside”)
Trace(Length(“abc”))
Trace(“a” + "b" + `c`)
