// .BuildSource() with options, .ImportSource(), EmailImportSource, .LoadAttachment(), fLoadBuffer / fSaveBuffer
fSaveBuffer("report.bin", "PDF-1.4 bytes")
b is Buffer = fLoadBuffer("report.bin")
Info(Length(b))
m is Email
m.Sender = "Ann <ann@example.com>"
Add(m.Recipient, "bob@example.org")
Add(m.Bcc, "hidden@example.net")
m.Subject = "Monthly report"
m.Message = "Here it is."
m.Priority = emailHighPriority
Info(m.LoadAttachment("report.bin"))
a is emailAttach
a.Name = "notes.txt"
a.Content = fLoadBuffer("report.bin")
Add(m.Attach, a)
Info(m.BuildSource())
Info(Contains(m.Source, "Bcc:"), Contains(m.Source, "X-Priority: 1"))
Info(m.BuildSource(emailOptionHeaderBcc + emailOptionEncodeHeader))
Info(Contains(m.Source, "Bcc: hidden@example.net"))
fSaveText("copy.eml", m.Source)
copy is Email
copy.Source = fLoadText("copy.eml")
Info(copy.ImportSource())
Info(copy.Subject, copy.Sender, copy.Recipient[1], copy.Bcc[1], copy.Message)
Info(copy.Priority = emailHighPriority, ArrayCount(copy.Attach))
Info(copy.Attach[1].Name, copy.Attach[2].Name, copy.Attach[1].Content = b)
other is Email
other.Source = "From: zoe@example.com" + CR + "To: ann@example.com" + CR + "Subject: hi" + CR + CR + "body"
Info(EmailImportSource(other), other.Subject, other.Recipient[1])
empty is Email
Info(EmailImportSource(empty), ErrorInfo(errMessage))
Info(fLoadBuffer("missing.bin") = "", ErrorInfo(errCode))
