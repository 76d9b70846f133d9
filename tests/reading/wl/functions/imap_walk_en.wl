// Walks the INBOX backwards and forwards over IMAP (STARTTLS), whole and header only,
// reads a message again by its UID, saves its attachment, filters the unread ones and
// changes a message's status. The same script runs offline with --mailbox DIR.
MySession is emailIMAPSession
MySession.ServerAddress = SysEnvironment("READ_HOST")
MySession.Port = Val(SysEnvironment("READ_IMAP_PORT"))
MySession.Option = emailOptionSecuredTLS
MySession.Name = SysEnvironment("READ_USER")
MySession.Password = SysEnvironment("READ_PASSWORD")
IF NOT EmailStartSession(MySession) THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END
Trace("messages: " + EmailNbMessage(MySession))

M is Email
Trace("last: " + EmailReadLast(MySession, M) + " " + M.Subject)
Trace("previous: " + EmailReadPrevious(MySession, M) + " " + M.Subject)
Trace("previous: " + EmailReadPrevious(MySession, M) + " " + M.Subject)
Trace("previous: " + EmailReadPrevious(MySession, M) + " out " + M.Out + ", error " + ErrorOccurred)
Trace("next: " + EmailReadNext(MySession, M) + " " + M.Subject)

// Header only: the body stays empty, the size and status are known.
Trace("first header: " + EmailReadFirstHeader(MySession, M) + " " + M.Subject + " [" + M.Message + "] " + M.SenderAddress)
Trace("  not read: " + (M.Status = emailStatusNotRead) + ", size known: " + (M.Size > 0) + ", same as EmailMessageLength: " + (EmailMessageLength(MySession) = M.Size))
Trace("next header: " + EmailReadNextHeader(MySession, M) + " " + M.Subject + ", read: " + (M.Status = emailStatusRead) + ", attachments: " + ArrayCount(M.Attach))
InvoiceUID is string = M.UID
Trace("last header: " + EmailReadLastHeader(MySession, M) + " " + M.Subject)
Trace("previous header: " + EmailReadPreviousHeader(MySession, M) + " " + M.Subject)

// Whole, by UID; then its attachment to a folder (its own file name is kept).
Trace("by UID: " + EmailReadMessage(MySession, M, InvoiceUID) + " " + M.Subject + ", attachments: " + ArrayCount(M.Attach))
Trace("  " + M.Attach[1].Name + " " + M.Attach[1].ContentType + " " + Length(M.Attach[1].Content))
Trace("  saved: " + EmailSaveAttachment(M, "facture 42.pdf", SysEnvironment("READ_OUT")))
Trace("  no such attachment: " + EmailSaveAttachment(M, "other.pdf", SysEnvironment("READ_OUT")) + " " + ErrorInfo())
Trace("next after it: " + EmailReadNext(MySession, M) + " " + M.Subject)
Trace("unknown UID: " + EmailReadMessage(MySession, M, "999999"))

// The unread ones; their bodies are fetched when first read.
Unread is array of Email = EmailGetAll(MySession, ertNotRead)
Trace("unread: " + ArrayCount(Unread))
FOR EACH U OF Unread
	Trace("  " + U.Subject + " / " + ExtractString(U.Message, 1, CR))
END

// Mark the first one read (by the Email given), then unread again (the one read last).
EmailReadFirst(MySession, M)
Trace("mark read: " + EmailChangeStatus(MySession, M, emailStatusRead) + " " + (M.Status = emailStatusRead))
Trace("unread now: " + ArrayCount(EmailGetAll(MySession, ertNotRead)))
Trace("mark unread: " + EmailChangeStatus(MySession, emailStatusNotRead))
All is array of Email = EmailGetAll(MySession, ertFull)
Trace("all: " + ArrayCount(All) + ", unread: " + ArrayCount(EmailGetAll(MySession, ertNotRead)))
FOR EACH A OF All
	Trace("  " + A.Subject + " from " + A.SenderAddress + ", " + ArrayCount(A.Attach) + " attachment(s)")
END
EmailCloseSession(MySession)
Trace("closed: " + EmailReadFirst(MySession, M))
