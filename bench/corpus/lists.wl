// Delivery reports, written in the shapes of exported WINDEV code (issue 9, second
// part): lists, associative arrays with duplicates and ..Key, NEW array, enumeration
// captions and aliases, FOR EACH over an enumeration, `<=` and ArrayCopy.
DeliveryState is Enumeration
	Queued <caption="Waiting in the spool">
	Delivered = "250" <caption="Accepted by the server">
	Deferred = "451" <caption="Try again later">
	Bounced = "550"
	Rejected = Bounced
END

lHops is list of string
taHeaders is associative array (WithDuplicates + ccIgnoreCase) of string
arrSent is array of string
arrArchive is array of string
eState is DeliveryState = Rejected

taHeaders["Received"] = "from mx1.example.com"
taHeaders["Subject"] = "Monthly report"
taHeaders["RECEIVED"] = "from mx2.example.com"
FOR EACH sValue OF taHeaders
	IF sValue..Key ~= "received" THEN lHops.Add(sValue)
END
lHops.Insert(1, "from client.example.com")
Trace(lHops..Occurrence + " hops, first " + taHeaders["received"])

arrSent = new array of 2 string
arrSent[1] = "ann@example.com"
arrSent[2] = "bob@example.com"
arrArchive <= arrSent
ArrayCopy(arrSent, arrArchive)
arrSent.Add("carol@example.com")
Trace(arrSent.Count + " sent, " + arrArchive.Count + " archived")

FOR EACH eOne, nRank OF DeliveryState
	Trace(nRank + ". " + eOne..Name + " (" + eOne..Value + "): " + eOne..Caption)
END
IF eState = Bounced THEN Trace(Report(lHops, eState))

PROCEDURE Report(lLines is list of string, eWhy is DeliveryState)
sText is string
FOR EACH sLine, nAt OF lLines
	sText += CR + nAt + " " + sLine
END
RESULT eWhy..Caption + sText
