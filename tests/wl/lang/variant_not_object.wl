// A property or method used through a Variant that holds no object: a fatal error
// that WHEN EXCEPTION catches (it once ended in an internal error, exit 70).
v is Variant = "abc"
WHEN EXCEPTION IN
	Info(v.Size)
DO
	Info("caught: " + ExceptionInfo(), ExceptionInfo(errCode))
END
WHEN EXCEPTION IN
	v.Foo = 1
DO
	Info("caught: " + ExceptionInfo(), ExceptionInfo(errCode))
END
n is Variant = 5
WHEN EXCEPTION IN
	n.Foo += 1
DO
	Info("caught: " + ExceptionInfo())
END
z is Variant
WHEN EXCEPTION IN
	z.Go()
DO
	Info("caught: " + ExceptionInfo())
END
