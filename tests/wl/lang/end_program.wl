Info("one")
EndProgram()
Info("two")
