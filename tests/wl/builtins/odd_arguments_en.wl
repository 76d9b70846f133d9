// Odd arguments: a fatal error that names the function, or a sensible answer
WHEN EXCEPTION IN
	Info(Complete("ab", 1e12))
DO
	Info(ExceptionInfo(errCode), ExceptionInfo())
END
WHEN EXCEPTION IN
	t is array of int = [1, 2]
	Info(Length(t))
DO
	Info(ExceptionInfo(errCode), ExceptionInfo())
END
WHEN EXCEPTION IN
	Info(Left("abc", "1e999"))
DO
	Info(ExceptionInfo(errCode), ExceptionInfo())
END
Info(NumToString(1e30, ".2f"))
Info(NumToString(Val("1e999"), "6.2f") + "|")
Info(Length(NumToString(1e300, "400.2f")))
Info(Length(Repeat("ab", 1000)), Complete("ab", 4, "."))
