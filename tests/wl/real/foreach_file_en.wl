// exit: 1
// FOR EACH over a data file and over table rows: parsed, warned about, refused when run
Trace("start")
IF Today() = "" THEN
	FOR EACH SELECTED ROW OF TABLE_Mail
		Trace(TABLE_Mail.COL_Subject)
	END
END
WHEN EXCEPTION IN
	FOR EACH ROW OF TABLE_Mail
		Trace(TABLE_Mail.COL_Subject)
	END
DO
	Trace("caught: " + ExceptionInfo())
END
FOR EACH Customer ON Name WHERE City = "Paris"
	Trace(Customer.Name)
END
Trace("not reached")
