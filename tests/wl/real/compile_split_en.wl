// <COMPILE IF> between the clauses of a statement: a CASE of a SWITCH, the ELSE of an IF.
// The branch not selected is not parsed (WINDEV does not compile it).
nPort is int = 587
SWITCH nPort
	CASE 25
		Trace("plain SMTP")
	<COMPILE IF ConfigurationType = Android OR ConfigurationType = iOS>
	CASE 587
		Trace("submission, from a phone")
	<ELSE>
	CASE 587
		Trace("submission")
	CASE 2525
		Trace("the test port")
	<END>
	OTHER CASE
		Trace("another port")
END
IF nPort = 25 THEN
	Trace("25")
<COMPILE IF ConfigurationType <> Webservice>
ELSE IF nPort = 465 THEN
	Trace("implicit TLS")
ELSE
	Trace("not 25, not 465")
<END>
END
