// EmailBuildSource as a function, with and without options, on an Email and on the Email structure; the priority constants under PC SOFT's names
m is Email
m.Sender = "Ann <ann@example.com>"
Add(m.Recipient, "bob@example.org")
Add(m.Bcc, "hidden@example.net")
m.Subject = "Function form"
m.Message = "Body"
m.Priority = emailLowPriority
Info(EmailBuildSource(m, emailOptionHeaderBcc + emailOptionEncodeHeader))
Info(Contains(m.Source, "Bcc: hidden@example.net"), Contains(m.Source, "X-Priority: 5"))
m.Priority = emailNormalPriority
Info(EmailBuildSource(m))
Info(Contains(m.Source, "Bcc:"), Contains(m.Source, "X-Priority: 3"), m.ID <> "")
Email.Sender = "Ann <ann@example.com>"
Email.Recipient[1] = "carl@example.org"
Email.Subject = "The structure"
Email.Message = "Hi"
Info(EmailBuildSource())
kept is string = Email.Source
Email.Subject = ""
Email.Source = kept
Info(EmailImportSource(), Email.Subject, Email.Recipient[1])
// Error() with no argument, as PC SOFT's examples write it: an empty line on stderr
Error()
Error("after Error()")
