// Text files relative to the script's folder; failures are non-fatal
path is string = fCurrentDir() + [fSep] + "notes.txt"
Info(fFileExist("notes.txt"))
Info(fSaveText("notes.txt", "first line"))
Info(fAddText(path, LF + "second line"))
Info(fLoadText("notes.txt"))
Info(fFileExist("notes.txt"))
text is string = fLoadText("missing.txt")
IF ErrorOccurred THEN
	Info("failed: " + ErrorInfo(errCode))
	Info(Contains(ErrorInfo(), "missing.txt"), Contains(ErrorInfo(), "file not found"))
END
Info(fSaveText("ok.txt", "x"), ErrorOccurred)
Info(fExtractPath("C:\mail\report.pdf", fFile + fExtension))
