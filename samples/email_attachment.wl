// A message with an HTML body (and its text version) and a file attached.
// The file path is relative to this script's folder.
//
//     SMTP_PASSWORD='...' wlmail run email_attachment.wl
//     wlmail run --capture /tmp/outbox email_attachment.wl  (nothing is sent)

MySession is emailSMTPSession
MySession.ServerAddress = "smtp.example.com"
MySession.Port = 465
MySession.Option = optionSSL
MySession.Name = "ann@example.com"
MySession.Password = SysEnvironment("SMTP_PASSWORD")

IF NOT MySession.StartSession() THEN
	Error("Unable to start the SMTP session.", ErrorInfo())
	RETURN
END

MyEmail is Email
MyEmail.Sender = "Ann Example <ann@example.com>"
MyEmail.Recipient.Add("bob@example.org")
MyEmail.Subject = "Sales report"
MyEmail.Message = "Hello Bob," + CR + "the sales report is attached." + CR
MyEmail.HTML = "<p>Hello Bob,</p><p>the <b>sales report</b> is attached.</p>"

ReportFile is string = fCurrentDir() + [fSep] + "email_attachment_report.csv"
IF EmailLoadAttachment(MyEmail, ReportFile) = False THEN
	Error("Cannot attach the report.", ErrorInfo())
	RETURN
END

IF MySession.SendMessage(MyEmail) THEN
	Info("Report sent.")
ELSE
	Error("The report was not sent.", ErrorInfo())
END
MySession.CloseSession()
