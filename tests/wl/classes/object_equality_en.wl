// Two references to objects are equal when they are the same object.
cA is Class
END
a is cA dynamic = new cA
b is cA dynamic = new cA
c is cA dynamic = a
Trace(a = b, a = c, a <> b)
