// exit: 1
n is int
n = "abc"
Info("never")
