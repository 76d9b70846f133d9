WHEN EXCEPTION IN
	Down(1)
DO
	Info("caught runaway recursion: " + ExceptionInfo(errCode))
END
PROCEDURE Down(n)
Down(n + 1)
