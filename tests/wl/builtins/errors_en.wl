// ErrorInfo after a non-fatal failure; ExceptionThrow and ExceptionInfo
Info(ErrorOccurred, ErrorInfo(errCode))
IF fLoadText("nowhere.txt") = "" THEN
	Info(ErrorOccurred, ErrorInfo(errCode))
	Info(Contains(ErrorInfo(errFullDetails), "Error code: 1501"))
END
WHEN EXCEPTION IN
	ExceptionThrow(42, "my own error")
DO
	Info(ExceptionInfo(errCode), ExceptionInfo(errMessage), ExceptionInfo())
END
WHEN EXCEPTION IN
	t is array of int
	Info(t[3])
DO
	Info(ExceptionInfo(errCode))
END
Info("after")
