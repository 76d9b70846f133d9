// Numbers and conversions
Info(NumToString(3.14159, ".2f"), NumToString(42, "05d"), NumToString(255, "X"))
Info(NumToString(7, "-4d") + "|", NumToString(2.5))
Info(Val("12 apples") + 1, Val("abc"), Val("FF", "x"))
Info(Round(2.5), Round(3.14159, 2), IntegerPart(-3.7), Abs(-4))
Info(Max(3, 9, 2), Min(3, 9, 2), IsNumeric("12.5"), IsNumeric("12a"))
n is int = Random(6)
Info(n >= 1 AND n <= 6)
