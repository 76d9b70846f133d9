// exit: 1
addresses is array of string
FOR EACH a OF addresses
	Trace(a..Key)
END
