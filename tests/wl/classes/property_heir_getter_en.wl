// An heir that defines again only the retrieval process keeps its base's assignment.
cB is Class
 m is string
END
cH is Class
 inherits from cB
END
h is cH
h.P = "a"
Trace(h.P)
b is cB dynamic = new cH
b.P = "b"
Trace(b.P)
PROPERTY cB::P()
RESULT "B:" + m
PROPERTY cB::P(v)
m = v
PROPERTY cH::P()
RESULT "H:" + m
