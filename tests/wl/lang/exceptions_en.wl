WHEN EXCEPTION IN
	arr is array of int
	Info(arr[3])
DO
	Info("caught: " + ExceptionInfo())
	Info(ExceptionInfo(errCode))
END
WHEN EXCEPTION IN
	ExceptionThrow(42, "my own error")
DO
	Info(ExceptionInfo(errMessage), ExceptionInfo(errCode))
END
WHEN EXCEPTION IN
	Info("fine")
DO
	Info("not reached")
ELSE
	Info("no exception")
END
