// exit: 1
Info("before")
ExceptionThrow(12, "stop here")
Info("never")
