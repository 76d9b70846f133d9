v is Variant
Info(v = Null, v <> Null)
v = 3
Info(v = Null)
s is string
Info(s = Null)
