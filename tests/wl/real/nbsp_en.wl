// a no-break space (U+00A0, pasted from a web page) is white space
n is int = 2
IF n = 2 THEN
  Trace("ok")
END
Error()
