Info(CommandLine())
