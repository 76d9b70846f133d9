Info("before")
RETURN
Info("after")
