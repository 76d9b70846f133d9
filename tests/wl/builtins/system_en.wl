// args: first /Mode=test
// env: WLMAIL_BUILTINS_TEST=from the test
Info(CommandLine(), CommandLine(1), CommandLine(2), CommandLine(3) = "", CommandLine("mode"))
Info(SysEnvironment("WLMAIL_BUILTINS_TEST"))
Info(ExeInfo(exeName) = fCurrentDir() + [fSep] + "system_en.wl")
Multitask(1)
Info("ending")
EndProgram()
Info("never")
