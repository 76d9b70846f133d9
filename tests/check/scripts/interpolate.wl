n is int = 3
Info("n = [%n + 1%]")
