// reals and strings with a size
r is 4-byte real = 1 / 3
Trace(r)
big is real on 8 bytes = 1 / 3
Trace(big)
code is string on 5 = "ABCDEFGH"
Trace(code, Length(code))
code = "xy"
Trace(code)
