// <COMPILE IF> inside a CONSTANT block: only the selected branch's constants exist
CONSTANT
	APP = "mailer"
	<COMPILE IF ConfigurationType = Android OR ConfigurationType = iOS>
	OUTBOX = "/sdcard/outbox"
	<ELSE>
	OUTBOX = "C:\outbox"
	<COMPILE IF Configuration = "Windows 64-bit executable">
	BITS = 64
	<ELSE>
	BITS = 32
	<END>
	<END>
	RETRIES = 3
END
Trace(APP, OUTBOX, BITS, RETRIES)
<COMPILE IF ConfigurationType = Webservice>
Trace("a web service")
<ELSE>
Trace("not a web service")
<END>
