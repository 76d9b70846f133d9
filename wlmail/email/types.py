"""The email types and constants: emailSMTPSession, Email, emailAttach, EmailStructure (the
type of the global Email of legacy scripts).

Declarations only: this module is loaded for every run (also for `wlmail check` and
for a script that sends nothing), so it must not import aiosmtplib, asyncio or the
`email` package.  The functions that use the network live in
`functions.py` and import what they need when they run.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..registry import Declarations, Property
from ..runtime.errors import Err, WLFatal
from ..runtime.values import T_STRING, WLArray, WLObject, describe, to_int, to_str

# What this module declares; wlmail.email.register adds it to a registry.
DECLARE = Declarations()

# -- constants -------------------------------------------------------------------
# Values are wlmail's own except emailOptionSecuredTLS = 2, which compiled WINDEV code
# shows; scripts compare with the names, never with the numbers.
OPTION_DEFAULT = 0
OPTION_SSL = 1
OPTION_STARTTLS = 2
OPTIONS = {OPTION_DEFAULT: "emailOptionDefault", OPTION_SSL: "optionSSL",
           OPTION_STARTTLS: "emailOptionSecuredTLS"}

PRIORITY_HIGH = 1
PRIORITY_NORMAL = 3
PRIORITY_LOW = 5

# EmailSetTimeOut: per run (EmailState.timeout), for the sessions started after it.
DEFAULT_TIMEOUT = 60.0

# EmailSendMessage's third parameter and EmailBuildSource's options: bit flags.
SEND_OPTION_ENCODE_HEADER = 0x10
SEND_OPTIONS = SEND_OPTION_ENCODE_HEADER
SOURCE_OPTION_HEADER_BCC = 0x20
SOURCE_OPTIONS = SEND_OPTION_ENCODE_HEADER | SOURCE_OPTION_HEADER_BCC

# EmailCheckAddress: its results and validation levels (values are wlmail's own).
ADDRESS_VALID = 1
ADDRESS_INCORRECT_SYNTAX = 2
ADDRESS_REFUSED = 3
ADDRESS_ERROR = 4
VALIDATE_SYNTAX = 1

DECLARE.constant("emailOptionDefault", ("emailOptionDéfaut",), value=OPTION_DEFAULT,
                 doc="plain SMTP: no TLS, never upgraded (usual port 25)")
DECLARE.constant("emailOptionSecuredTLS", ("emailOptionSécuriséTLS",), value=OPTION_STARTTLS,
                 doc="STARTTLS after EHLO, required: the session fails if the server does not "
                     "offer it (usual port 587)")
DECLARE.constant("emailProtocolSMTPS", ("emailProtocoleSMTPS",), value=OPTION_STARTTLS,
                 doc="newer name of emailOptionSecuredTLS (STARTTLS)")
DECLARE.constant(("optionSSL", "emailOptionSSL"), (), value=OPTION_SSL,
                 doc="TLS from the first byte, implicit TLS (usual port 465)")
DECLARE.constant("emailSynchronous", ("emailSynchrone",), value=False,
                 doc="sending waits for the server's answer")
DECLARE.constant("emailAsynchronous", ("emailAsynchrone",), value=True,
                 doc="EmailSendMessage stores the message in the spool and returns; a worker "
                     "delivers it (docs/spool.md)")
# PC SOFT's pages spell them emailHighPriority / emailLowPriority (the constants page,
# docs/email.md); wlmail's first spellings stay accepted.
DECLARE.constant(("emailHighPriority", "emailPriorityHigh"), ("emailPrioritéHaute",),
                 value=PRIORITY_HIGH, doc="X-Priority: 1, Importance: high")
DECLARE.constant(("emailNormalPriority", "emailPriorityNormal"), ("emailPrioritéNormale",),
                 value=PRIORITY_NORMAL, doc="X-Priority: 3, Importance: normal")
DECLARE.constant(("emailLowPriority", "emailPriorityLow"), ("emailPrioritéBasse",),
                 value=PRIORITY_LOW, doc="X-Priority: 5, Importance: low")
DECLARE.constant("emailOptionEncodeHeader", ("emailOptionEncodeEntête",), value=SEND_OPTION_ENCODE_HEADER,
                 doc="EmailSendMessage option: accepted; headers are always encoded (RFC 2047)")
DECLARE.constant("emailOptionHeaderBcc", (), value=SOURCE_OPTION_HEADER_BCC,
                 doc="EmailBuildSource option: write the Bcc header into Source")
DECLARE.constant("emailAddressValid", ("emailAdresseValide",), value=ADDRESS_VALID,
                 doc="EmailCheckAddress: the address is valid")
DECLARE.constant("emailAddressIncorrectSyntax", (), value=ADDRESS_INCORRECT_SYNTAX,
                 doc="EmailCheckAddress: the syntax of the address is incorrect")
DECLARE.constant("emailAddressRefused", (), value=ADDRESS_REFUSED,
                 doc="EmailCheckAddress: refused by the server (never answered: wlmail "
                     "checks the syntax only)")
DECLARE.constant("emailAddressError", (), value=ADDRESS_ERROR,
                 doc="EmailCheckAddress: the check itself failed (never answered by a "
                     "syntax check)")
DECLARE.constant("emailValidateSyntax", ("emailValideSyntaxe",), value=VALIDATE_SYNTAX,
                 doc="EmailCheckAddress level: check the syntax (the default)")


# -- emailAttach ------------------------------------------------------------------
@DECLARE.wltype("emailAttach", ("emailAttache",), example="""
    a is emailAttach
    a.Name = "notes.txt"
    a.Content = "Some notes"
    m is Email
    ArrayAdd(m.Attach, a)
    Trace(m.Attach.Count)                       // 1
""")
class EmailAttach(WLObject):
    """A file attached to an Email: its name, content and MIME type."""

    PROPERTIES = (
        Property("Name", ("Nom",), "string", doc="file name shown to the recipient"),
        Property("Content", ("Contenu",), "buffer", doc="the bytes of the file"),
        Property("ContentType", ("TypeContenu",), "string",
                 doc="MIME type; guessed from Name when empty"),
        Property(("Description", "ContentDescription"), ("DescriptionContenu",), "string",
                 doc="Content-Description header"),
        Property("Identifier", ("Identifiant",), "string",
                 doc="Content-ID: an inline part that the HTML shows with cid:Identifier"),
    )

    # A file attached with EmailLoadAttachment is read when the message is built, not
    # when it is attached: a 20 MB file is then held once, for the time of one send.
    _path: str | None = None
    _content: bytes = b""

    @property
    def content(self) -> bytes:
        if self._path is not None:
            return Path(self._path).read_bytes()
        return self._content

    @content.setter
    def content(self, value: bytes) -> None:
        self._path = None
        self._content = value

    @classmethod
    def from_file(cls, path: str, name: str = "", identifier: str = "") -> EmailAttach:
        att = cls()
        att._path = path
        att.name = name or Path(path).name
        att.identifier = identifier
        return att

    def file_path(self) -> str | None:
        return self._path

    def size(self) -> int:
        if self._path is not None:
            return Path(self._path).stat().st_size
        return len(self._content)

    def wl_str(self) -> str:
        return self.name


# -- Email ----------------------------------------------------------------------
def _set_priority(value: Any) -> int:
    p = to_int(value)
    if p != 0 and not 1 <= p <= 5:
        raise WLFatal(f"Priority must be emailPriorityHigh, emailPriorityNormal or "
                      f"emailPriorityLow, not {p}", Err.BAD_OPTION)
    return p


_COMMON = (
    Property("Sender", ("Expéditeur",), "string",
             doc='From header: "Ann <ann@example.com>" or an address'),
    Property("SenderAddress", ("AdresseExpéditeur",), "string",
             doc="envelope sender (MAIL FROM) when set; else the address of Sender"),
    Property("ReplyTo", ("RépondreA", "RépondreÀ"), "string", doc="Reply-To header"),
    Property("Subject", ("Sujet",), "string"),
    Property("Message", (), "string", doc="text body"),
    Property("HTML", (), "string", doc="HTML body; with Message, multipart/alternative"),
    Property("Priority", ("Priorité",), "int", doc="emailPriorityHigh/Normal/Low"),
    Property("Confirmation", (), "boolean", doc="asks for a read receipt "
             "(Disposition-Notification-To)"),
    Property("DispositionNotification", ("AccuséRéception", "DemandeAccuséRéception"),
             "boolean", doc="same as Confirmation"),
    Property("MessageID", ("IdentifiantEmail",), "string",
             doc="Message-ID; filled when the message is built or sent"),
    # PC SOFT's EmailStatus page: "Email.MailIdentifier variable or ID property of the
    # Email variable", an integer (docs/spool.md).
    Property(("MailIdentifier", "ID"), ("IdentifiantMail",), "int", attr="mail_identifier",
             doc="the spool's number of a message sent by an asynchronous session, for "
                 "EmailStatus (0 otherwise)"),
    Property("Source", (), "string", doc="the RFC 5322 text, filled by EmailBuildSource"),
    # Filled when a message is read (wlmail.reading).
    Property("ReceiveDate", ("DateRéception",), "string",
             doc="read message: when it arrived, YYYYMMDDHHMMSS (local time)"),
    Property("Out", ("EnDehors",), "boolean",
             doc="True after EmailReadFirst/EmailReadNext found no (more) message"),
    Property("UID", (), "string",
             doc="read message: its identifier on the server (IMAP UID, POP3 UIDL, Maildir "
                 "key), what EmailReadMessage takes"),
    Property("Status", ("Statut",), "int",
             doc="read message: emailStatusRead or emailStatusNotRead (0: not known, POP3)"),
    Property("Size", ("Taille",), "int", doc="read message: its size on the server in bytes"),
)

# The properties a header-only read (EmailGetAll's default) leaves to be fetched when the
# script first reads one of them (wlmail.reading sets Email._pending).
BODY_ATTRS = frozenset({"message", "html", "attach", "source"})


def _text_list(value: Any, what: str) -> list[str]:
    """A string or an array assigned to Recipient, Cc, Bcc, Header or Attach."""
    if isinstance(value, WLArray):
        return [to_str(x) for x in value.items]
    if value is None:
        return []
    if isinstance(value, (str, int, float)):
        return [to_str(value)]
    raise WLFatal(f"cannot assign {describe(value)} to {what}", Err.CONVERSION)


def _header_lines(value: Any) -> list[str]:
    # `MyEmail.Header = "X-A: 1" + CR + "X-B: 2"`: one extra header per line.
    out: list[str] = []
    for item in _text_list(value, "Header"):
        out.extend(line for line in item.replace("\r\n", "\n").replace("\r", "\n").split("\n")
                   if line.strip())
    return out


@DECLARE.wltype("Email", (), example="""
    m is Email
    m.Sender = "ann@example.com"
    m.Recipient.Add("bob@example.com")
    m.Cc.Add("cid@example.com")
    m.Subject = "Report"
    m.Message = "See the attached report."
    Trace(m.Recipient.Count + m.Cc.Count)     // 2
""")
class Email(WLObject):
    """An email message: sender, recipients, subject, text and HTML bodies, attachments."""

    PROPERTIES = _COMMON + (
        Property("Recipient", ("Destinataire",), "array of string"),
        Property("Cc", (), "array of string"),
        Property("Bcc", ("Cci",), "array of string", doc="never written in the headers"),
        Property("Attach", ("Attache",), "array of emailAttach"),
        Property("Header", ("Entête", "EnTête"), "array of string",
                 doc='extra headers, one "Name: value" per element (or per line)'),
    )
    METHODS = {
        "BuildSource": "EmailBuildSource", "ConstruitSource": "EmailBuildSource",
        "ImportSource": "EmailImportSource", "ImporteSource": "EmailImportSource",
        "LoadAttachment": "EmailLoadAttachment",
        "ChargeFichierAttaché": "EmailLoadAttachment",
    }

    def _set_list(self, attr: str, value: Any, what: str) -> None:
        arr: WLArray = getattr(self, attr)
        arr.items = _text_list(value, what)

    # `MyEmail.Recipient = "x"` makes a one-element list (SPEC §5).
    def set_recipient(self, value: Any) -> None:
        self._set_list("recipient", value, "Recipient")

    def set_cc(self, value: Any) -> None:
        self._set_list("cc", value, "Cc")

    def set_bcc(self, value: Any) -> None:
        self._set_list("bcc", value, "Bcc")

    def set_header(self, value: Any) -> None:
        self.header.items = _header_lines(value)

    def set_priority(self, value: Any) -> None:
        self.priority = _set_priority(value)

    def set_attach(self, value: Any) -> None:
        if isinstance(value, WLArray):
            items = []
            for x in value.items:
                if not isinstance(x, EmailAttach):
                    raise WLFatal(f"Attach holds emailAttach values, not {describe(x)}: "
                                  f"use EmailLoadAttachment(MyEmail, path) to attach a file",
                                  Err.CONVERSION)
                items.append(x.copy())
            self.attach.items = items
        elif isinstance(value, EmailAttach):
            self.attach.items = [value.copy()]
        else:
            raise WLFatal(f"cannot assign {describe(value)} to Attach: use "
                          f"EmailLoadAttachment(MyEmail, path) to attach a file", Err.CONVERSION)

    # What the message builder reads, the same way for Email and the structure.
    def recipients(self) -> list[str]:
        return list(self.recipient.items)

    def ccs(self) -> list[str]:
        return list(self.cc.items)

    def bccs(self) -> list[str]:
        return list(self.bcc.items)

    def headers(self) -> list[str]:
        return list(self.header.items)

    def attachments(self) -> list[EmailAttach]:
        return list(self.attach.items)

    def add_attachment(self, att: EmailAttach) -> None:
        self.attach.items.append(att)

    def reset(self) -> None:
        WLObject.__init__(self)
        self._pending = None

    # A message EmailGetAll read header-only: reading its body fetches the rest once.
    _pending: Callable[[Email], None] | None = None

    def wl_get(self, prop: Any) -> Any:
        if self._pending is not None and prop.attr in BODY_ATTRS:
            pending, self._pending = self._pending, None
            pending(self)
        return super().wl_get(prop)

    def wl_str(self) -> str:
        return self.subject


# -- the global Email structure ----------------------------------------------------
class CountedArray(WLArray):
    """An array of the legacy structure: assigning any index grows it (the structure's
    arrays had no fixed end in WINDEV) and reading past the end gives "", while the
    owner keeps the Nb* counter of how many entries are sent."""

    __slots__ = ()

    def get(self, index: Any) -> Any:
        i = to_int(index)
        if i > len(self.items) >= 0 and i >= 1:
            return ""
        return super().get(i)

    def set(self, index: Any, value: Any) -> None:
        i = to_int(index)
        if i > len(self.items) + 1:
            self.items.extend([""] * (i - 1 - len(self.items)))
        super().set(i, value)


def _counted(owner: EmailStructure, counter: str) -> CountedArray:
    arr = CountedArray(T_STRING)

    def grew(n: int) -> None:
        # Add and assignment past the count raise it; an explicit Nb* assignment wins
        # because it happens after, and ArrayDeleteAll (n == 0) clears it.
        if n == 0 or n > getattr(owner, counter):
            setattr(owner, counter, n)

    arr.on_grow = grew
    return arr


_ARRAYS = {"recipient": "nb_recipient", "cc": "nb_cc", "bcc": "nb_bcc", "attach": "nb_attach",
           "header": ""}


@DECLARE.wltype("EmailStructure", ())
class EmailStructure(WLObject):
    """The predeclared global `Email` of legacy scripts: like an Email, with Nb* counters
    saying how many entries of each array are sent, and Attach holding file paths."""

    PROPERTIES = _COMMON + (
        Property("Recipient", ("Destinataire",), "array of string"),
        Property("Cc", (), "array of string"),
        Property("Bcc", ("Cci",), "array of string"),
        Property("Attach", ("Attache",), "array of string", doc="paths of the files to attach"),
        Property("Header", ("Entête", "EnTête"), "array of string"),
        Property("NbRecipient", ("NbDestinataire",), "int"),
        Property("NbCc", (), "int"),
        Property("NbBcc", ("NbCci",), "int"),
        Property("NbAttach", ("NbAttache",), "int"),
    )

    def __init__(self) -> None:
        super().__init__()
        self._extra: list[EmailAttach] = []
        for attr, counter in _ARRAYS.items():
            if counter:
                setattr(self, attr, _counted(self, counter))

    def copy(self) -> EmailStructure:
        other = type(self)()
        for p in self.PROPERTIES:
            v = getattr(self, p.attr)
            if isinstance(v, WLArray):
                getattr(other, p.attr).items = list(v.items)
            else:
                setattr(other, p.attr, v)
        other._extra = [a.copy() for a in self._extra]
        return other

    def _assign(self, attr: str, value: Any, what: str) -> None:
        arr: WLArray = getattr(self, attr)
        counter = _ARRAYS[attr]
        if isinstance(value, WLArray):
            arr.items = _text_list(value, what)
            setattr(self, counter, len(arr.items))
        else:
            # `Email.Recipient = "x"` sets the first entry (SPEC §3).
            if arr.items:
                arr.items[0] = to_str(value)
            else:
                arr.items.append(to_str(value))
            if getattr(self, counter) < 1:
                setattr(self, counter, 1)

    def set_recipient(self, value: Any) -> None:
        self._assign("recipient", value, "Recipient")

    def set_cc(self, value: Any) -> None:
        self._assign("cc", value, "Cc")

    def set_bcc(self, value: Any) -> None:
        self._assign("bcc", value, "Bcc")

    def set_attach(self, value: Any) -> None:
        self._assign("attach", value, "Attach")

    def set_header(self, value: Any) -> None:
        self.header.items = _header_lines(value)

    def set_priority(self, value: Any) -> None:
        self.priority = _set_priority(value)

    def _set_count(self, attr: str, counter: str, value: Any) -> None:
        n = to_int(value)
        if n < 0:
            raise WLFatal(f"{counter} cannot be negative ({n})", Err.INDEX_OUT_OF_RANGE)
        arr: WLArray = getattr(self, attr)
        if n > len(arr.items):
            arr.items.extend([""] * (n - len(arr.items)))
        setattr(self, _ARRAYS[attr], n)

    def set_nb_recipient(self, value: Any) -> None:
        self._set_count("recipient", "NbRecipient", value)

    def set_nb_cc(self, value: Any) -> None:
        self._set_count("cc", "NbCc", value)

    def set_nb_bcc(self, value: Any) -> None:
        self._set_count("bcc", "NbBcc", value)

    def set_nb_attach(self, value: Any) -> None:
        self._set_count("attach", "NbAttach", value)

    def _first(self, attr: str) -> list[str]:
        arr: WLArray = getattr(self, attr)
        return list(arr.items[: getattr(self, _ARRAYS[attr])])

    def recipients(self) -> list[str]:
        return self._first("recipient")

    def ccs(self) -> list[str]:
        return self._first("cc")

    def bccs(self) -> list[str]:
        return self._first("bcc")

    def headers(self) -> list[str]:
        return list(self.header.items)

    def attachments(self) -> list[EmailAttach]:
        return [EmailAttach.from_file(p) for p in self._first("attach") if p.strip()] + \
            [a.copy() for a in self._extra]

    def add_attachment(self, att: EmailAttach) -> None:
        """An attachment with a name or an Identifier (EmailLoadAttachment,
        EmailImportHTML): the structure's Attach array only holds paths."""
        self._extra.append(att)

    def reset(self) -> None:
        type(self).__init__(self)

    def wl_str(self) -> str:
        return self.subject


# -- emailSMTPSession ---------------------------------------------------------------
def _check_option(value: Any) -> int:
    if isinstance(value, bool):
        raise WLFatal("Option expects emailOptionDefault, emailOptionSecuredTLS or optionSSL, "
                      "not a boolean", Err.BAD_OPTION)
    n = to_int(value)
    if n not in OPTIONS:
        raise WLFatal(f"unknown session Option {n}: use emailOptionDefault, "
                      f"emailOptionSecuredTLS (emailProtocolSMTPS) or optionSSL", Err.BAD_OPTION)
    return n


@DECLARE.wltype("emailSMTPSession", ("emailSessionSMTP",), example="""
    s is emailSMTPSession
    s.ServerAddress = "smtp.example.com"
    s.Port = 587
    s.Option = emailOptionSecuredTLS
    s.Name = "ann@example.com"
    s.Password = SysEnvironment("SMTP_PASSWORD")
    Trace(s.ServerAddress + ":" + s.Port)
""")
class EmailSMTPSession(WLObject):
    """A connection to an SMTP server for sending mail."""

    PROPERTIES = (
        Property("ServerAddress", ("AdresseServeur",), "string",
                 doc="DNS name or IP address of the SMTP server"),
        Property("Port", (), "int", default=25, doc="25 by default, whatever the Option"),
        Property("Name", ("Nom",), "string",
                 doc="user name for AUTH; empty: no authentication"),
        Property("Password", ("MotDePasse",), "string", secret=True),
        Property("Option", (), "int", default=OPTION_DEFAULT,
                 doc="emailOptionDefault, emailOptionSecuredTLS / emailProtocolSMTPS, optionSSL"),
        Property("AuthToken", (), "AuthToken",
                 doc="an OAuth 2.0 access token: AUTH XOAUTH2 instead of the password"),
        Property("Asynchronous", ("Asynchrone",), "boolean",
                 doc="True: EmailSendMessage returns once the message is stored in the spool, "
                     "a worker delivers it (docs/spool.md)"),
    )
    METHODS = {
        "StartSession": "EmailStartSession", "OuvreSession": "EmailStartSession",
        "SendMessage": "EmailSendMessage", "EnvoieMessage": "EmailSendMessage",
        "CloseSession": "EmailCloseSession", "FermeSession": "EmailCloseSession",
    }

    # The live connection (wlmail.email.transport.Connection) once started.
    _conn: Any = None
    # Legacy EmailStartSession: the password was POP3's; a server without AUTH is fine.
    _auth_optional: bool = False
    _label: str = ""

    def set_option(self, value: Any) -> None:
        self.option = _check_option(value)

    def label(self) -> str:
        return self._label or self.server_address or "(no ServerAddress)"

    def copy(self) -> EmailSMTPSession:
        other = super().copy()
        # A copy shares the server connection, as both name the same WINDEV session.
        other._conn = self._conn
        return other

    def wl_str(self) -> str:
        return self.name


def check_option(value: Any) -> int:
    return _check_option(value)
