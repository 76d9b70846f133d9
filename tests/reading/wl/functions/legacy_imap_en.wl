// The legacy form over IMAP: a session named by the user (EmailStartIMAPSession), read
// into the global Email structure, properties written with "..".
User is string = SysEnvironment("READ_USER")
IF EmailStartIMAPSession(User, SysEnvironment("READ_PASSWORD"), SysEnvironment("READ_HOST"), ...
		Val(SysEnvironment("READ_IMAP_PORT")), emailOptionSecuredTLS) = False THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END
EmailReadLast(User)
Trace("last: " + Email..Subject + " from " + Email..SenderAddress + ", read " + (Email..Status = emailStatusRead))
EmailReadPrevious(User)
Trace("previous: " + Email..Subject + ", read " + (Email..Status = emailStatusRead) + ", " + Email..NbAttach + " attachment(s)")
Trace("  saved: " + EmailSaveAttachment(1, SysEnvironment("READ_OUT") + "/copy.pdf"))
Unread is array of Email = EmailGetAll(User, ertNotRead + ertFull)
Trace("unread: " + ArrayCount(Unread))
FOR EACH U OF Unread
	Trace("  " + U..Subject + ", size known " + (U..Size > 0))
END
Trace("by UID: " + EmailReadMessage(User, Unread[2]..UID) + " " + Email..Subject)
Trace("mark read: " + EmailChangeStatus(User, emailStatusRead))
Trace("unread now: " + ArrayCount(EmailGetAll(User, ertNotRead)))
EmailReadFirstHeader(User)
Trace("first header: " + Email..Subject + ", read " + (Email..Status = emailStatusRead))
Trace("create: " + EmailCreateFolder(User, "Done"))
Trace("move: " + EmailMoveMessage(User, "Done") + ", left " + EmailNbMessage(User))
Trace("change: " + EmailChangeFolder(User, "Done") + " " + EmailCurrentFolder(User) + " " + EmailNbMessage(User))
EmailReadLast(User)
Trace("moved: " + Email..Subject)
EmailCloseSession(User)
Trace("closed: " + EmailReadFirst(User))
