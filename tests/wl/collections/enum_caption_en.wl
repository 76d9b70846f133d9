// Enumerations: a caption per value (`<caption="...">`), ..Name, ..Value, ..Caption,
// an alias (`Halted = Stopped`: another name for the same value), FOR EACH over the
// enumeration's values.
DeliveryStatus is Enumeration
	Queued <caption="Waiting in the spool">
	Sent = "250" <caption="Accepted by the server">
	Bounced = "550"
	Rejected = Bounced
END
s is DeliveryStatus = Rejected
Trace(s..Name + " | " + s..Value + " | " + s..Caption)
IF s = Bounced THEN Trace("an alias is the same value")
Trace(DeliveryStatus.Rejected..Name)
FOR EACH status OF DeliveryStatus
	Trace(status..Name + " " + status..Value + " " + status..Caption)
END
FOR EACH status, rank OF DeliveryStatus
	IF status = Sent THEN Trace("Sent is value " + rank)
END
