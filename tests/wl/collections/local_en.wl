// LOCAL on the line of a declaration; `is` may be left out.
LOCAL n int
LOCAL a, b is string = "x"
n = 3
Trace(n + 1, a + b)
