x is int
IF x > 0 THEN
