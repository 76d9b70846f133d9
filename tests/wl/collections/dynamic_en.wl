// Dynamic arrays: declared with or without a size, they grow.
t is array dynamic of int
t.Add(1)
t[2] = 2
Trace(t..Count + " " + t[2])
u is dynamic array of 2 string
u[1] = "a"
ArrayAdd(u, "c")
Trace(u..Count + " [" + u[2] + "] " + u[3])
v is dynamic array
v.Add("anything")
Trace(v[1])
