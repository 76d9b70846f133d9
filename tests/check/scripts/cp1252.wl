Info("été €")
