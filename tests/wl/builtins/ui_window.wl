// exit: 1
Info("never runs: the static pass stops the script")
IF YesNo("Send the message?") THEN
	Info("sent")
END
