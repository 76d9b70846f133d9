// exit: 2
send is Procedure = (msg) => {
	Trace(msg)
Trace("after")
