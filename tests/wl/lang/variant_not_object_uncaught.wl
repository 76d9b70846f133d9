// exit: 1
v is Variant = "abc"
v.Foo = 1
Info("never")
