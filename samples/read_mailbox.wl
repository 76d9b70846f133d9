// Reads a mailbox over IMAP: every message with its attachments, then the unread ones.
//
//   wlmail run --capture /tmp/wlmail-capture send_with_oauth.wl   sends into a Maildir
//   wlmail run --mailbox /tmp/wlmail-capture read_mailbox.wl      reads it back, offline
//   wlmail run read_mailbox.wl                                    reads the real server
//
// With --mailbox, every POP3 or IMAP session reads the Maildir instead of its server.

Session is emailIMAPSession
Session.ServerAddress = "imap.gmail.com"
Session.Option = optionSSL
Session.Name = "me@gmail.com"
Session.Password = SysEnvironment("IMAP_PASSWORD")

IF EmailStartSession(Session) = False THEN
	Error("Unable to start the IMAP session.", ErrorInfo())
	RETURN
END
Trace(EmailNbMessage(Session) + " message(s) in " + EmailCurrentFolder(Session))

Msg is Email
EmailReadFirst(Session, Msg)
WHILE NOT Msg.Out
	Trace("From " + Msg.Sender + ": " + Msg.Subject)
	FOR EACH Attachment OF Msg.Attach
		Trace("  attachment " + Attachment.Name + " (" + Length(Attachment.Content) + " bytes)")
	END
	EmailReadNext(Session, Msg)
END

Unread is array of Email = EmailGetAll(Session, ertNotRead)
Trace(ArrayCount(Unread) + " not read yet")
EmailCloseSession(Session)
