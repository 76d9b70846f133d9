// Mail routing tables, written in the shapes of exported WINDEV code (issue 9):
// associative arrays, stacks, queues, enumerations, several return values, `*`, `<-`.
SendState is Enumeration
	Waiting
	Sent = "OK"
	Refused = "KO"
END

taDomains is associative array (ccIgnoreCase, "smtp.example.org") of string
taDomains["example.com"] = "mail.example.com"
taDomains["Example.NET"] = "smtp.example.net"
taCounts is associative array of int
qOutbox is queue of string
pRetry is stack of string
eState is SendState
LOCAL sAddress, sServer are string

FOR EACH STRING sAddress OF "ann@example.com;bob@EXAMPLE.net;eve@other.org" SEPARATED BY ";"
	Enqueue(qOutbox, sAddress)
END

WHILE Dequeue(qOutbox, sAddress)
	(sServer, eState) = Route(sAddress, *)
	taCounts[sServer] += 1
	IF eState = Refused THEN Push(pRetry, sAddress)
END

sKey is string
nCount is int
FOR EACH ELEMENT nCount, sKey OF taCounts
	Trace(sKey + ": " + nCount)
END
WHILE Pop(pRetry, sAddress)
	Trace("retry " + sAddress + " " + taDomains[sAddress]..Exist)
END
taAlias is associative array of int
taAlias <- taCounts
Trace(taAlias..Count + taCounts..Count)

PROCEDURE Route(sTo is string, nPort is int = 25)
sDomain is string = ExtractString(sTo, 2, "@")
IF taDomains[sDomain]..Exist THEN RESULT (taDomains[sDomain] + ":" + nPort, Sent)
RESULT (taDomains[sDomain], Refused)
