// What the server refuses comes back as False and ErrorInfo with its own words; the
// script goes on and the session still works.
S is emailIMAPSession
S.ServerAddress = SysEnvironment("READ_HOST")
S.Port = Val(SysEnvironment("READ_IMAP_PORT"))
S.Option = emailOptionSecuredTLS
S.Name = SysEnvironment("READ_USER")
S.Password = SysEnvironment("READ_PASSWORD")
Trace("before start: " + EmailListFolder(S) + "|" + ErrorInfo())
EmailStartSession(S)
Trace("create: " + EmailCreateFolder(S, "Archives"))
Trace("create again: " + EmailCreateFolder(S, "Archives") + "|" + ErrorInfo())
Trace("change: " + EmailChangeFolder(S, "Nowhere") + "|" + ErrorInfo())
Trace("delete: " + EmailDeleteFolder(S, "Nowhere") + "|" + ErrorInfo())
M is Email
EmailReadFirst(S, M)
Trace("copy: " + EmailCopyMessage(S, "Nowhere") + "|" + ErrorInfo())
Trace("by UID: " + EmailReadMessage(S, M, "424242") + "|" + ErrorInfo())
Trace("still reading: " + EmailReadFirst(S, M) + " " + M.Subject)
Lazy is array of Email = EmailGetAll(S)
EmailCloseSession(S)
Trace("body after close: [" + Lazy[1].Message + "]|" + ErrorInfo())
Trace("subject kept: " + Lazy[1].Subject)
P is emailPOP3Session
Trace("pop3 not started: " + EmailChangeStatus(P, emailStatusRead) + "|" + ErrorInfo())
