// Sorting and filtering recipients with procedures as values, in the shapes of WINDEV
// code (issue 9): lambdas `(a, b) => ...`, typed lambdas, internal procedures as values,
// ArraySort with asFunction, durations from times, <COMPILE IF> inside CONSTANT.
CONSTANT
	MAX_BATCH = 50
	<COMPILE IF ConfigurationType = Android OR ConfigurationType = iOS>
	OUTBOX = "/sdcard/outbox"
	<ELSE>
	OUTBOX = "C:\outbox"
	<END>
END

STRecipient is Structure
	sAddress is string
	sDomain is string
	nPriority is int
END

arrRecipients is array of STRecipient
r is STRecipient
FOR EACH STRING sLine OF "ann@example.com,2;bob@example.net,1;eve@example.org,3" SEPARATED BY ";"
	r.sAddress = ExtractString(sLine, 1, ",")
	r.sDomain = ExtractString(r.sAddress, 2, "@")
	r.nPriority = Val(ExtractString(sLine, 2, ","))
	ArrayAdd(arrRecipients, r)
END

// Highest priority first, then by address.
ArraySort(arrRecipients, asFunction, (a, b) => {
	IF a.nPriority <> b.nPriority THEN RESULT b.nPriority - a.nPriority
	IF a.sAddress < b.sAddress THEN RESULT -1
	RESULT 1
})

nSent is int = 0
pSend is Procedure = PROCEDURE(st is STRecipient): boolean {
	IF nSent >= MAX_BATCH THEN RESULT False
	nSent++
	Trace("to " + st.sAddress + " via " + OUTBOX)
	RESULT True
}
FOR EACH stOne OF arrRecipients
	pSend(stOne)
END

INTERNAL PROCEDURE ByDomain(a, b)
	IF a.sDomain < b.sDomain THEN RESULT -1
	IF a.sDomain > b.sDomain THEN RESULT 1
	RESULT 0
END
arrRecipients.Sort(asFunction, ByDomain)

pCounter is Procedure = MakeCounter("batch")
Trace(pCounter(), pCounter())

tStart is time = "0900"
tEnd is time = "0945"
dBatch is Duration = tEnd - tStart
Trace(dBatch.InMinutes)

PROCEDURE MakeCounter(sName is string)
nCount is int = 0
RESULT () => { nCount++; RESULT sName + " " + nCount }
