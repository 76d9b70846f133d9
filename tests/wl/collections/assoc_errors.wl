// exit: 1
a is associative array (WithDuplicates, 0, 17) of int
s is stack of int
Trace(s[1])
Trace(a..Size)
Pop(s, 3)
