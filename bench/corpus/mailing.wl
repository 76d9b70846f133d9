// A mailing written the way exported WINDEV projects are: FUNCTION, modifiers, CASE
// without colon, CONSTANT blocks, sized integers, labels, ternaries, IN, substrings.
CONSTANT
	MAX_RETRIES = 3
	BATCH_SIZE = 50
	SENDER_NAME = "Newsletter"
	FOOTER = "-- " + SENDER_NAME
END
CONSTANT DEFAULT_PORT = 587

nSent is 4-byte int
nFailed is unsigned 2-byte int
sRecipients is string = "ann@example.org;bob@example.org;;carl@example.org"
tabQueue is array of strings

FOR EACH STRING sAddress OF sRecipients SEPARATED BY ";"
	IF sAddress = "" THEN CONTINUE
	Add(tabQueue, Lower(sAddress))
END

FOR i = 1 _TO_ ArrayCount(tabQueue)
	sLine is string = tabQueue[i]
	sDomain is string = sLine[[Position(sLine, "@") + 1 TO]]
	SWITCH sDomain
		CASE "example.org", "example.com"
			nSent++
		CASE "localhost"
			nFailed++
		OTHER CASE
			Trace("unknown domain: " + sDomain)
	END
END
Trace(Summary(nSent, nFailed))

FUNCTION PRIVATE Summary(nOk is int, nKo is int <useful>) : string
sWord is string = (nOk > 1 ? "messages" ELSE "message")
RESULT nOk + " " + sWord + " queued" + (nKo = 0 ? "" ELSE ", " + nKo + " refused")

PROCEDURE GLOBAL Grade(nScore is 1-byte int) : string
SWITCH nScore
	CASE < 0
		RESULT "negative"
	CASE 0
		RESULT "none"
	CASE 1 TO 9
		RESULT "few"
	CASE > 99
		RESULT "many"
	OTHER CASE
		RESULT "some"
END

PROCEDURE PROTECTED LoadTemplate(sPath is string) : string
sText is string = fLoadText(sPath)
IF sText[[1]] IN ("<", "{") THEN RESULT sText
RESULT "<p>" + sText + "</p>"
CASE ERROR:
	Trace("template missing: " + ErrorInfo())
	RESULT ""
END:
	Trace("template read")

PROCEDURE Retry(nTimes is int)
nTurn is int
LOOP (nTimes)
	nTurn++
	IF 1 < nTurn < MAX_RETRIES THEN Trace("retry " + nTurn)
END
CASE EXCEPTION:
	Trace("stopped: " + ExceptionInfo())
