"""The Email* functions, declared in the registry (English and French names).

Importing this module is cheap: the bodies import session.py (aiosmtplib, ssl, the
`email` package) only when a script calls them.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

from ..diagnostics import SECRETS
from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import Duration, describe, to_bool, to_int, to_real, to_str
from .state import EmailState, make_structure, structure_for
from .types import (
    ADDRESS_INCORRECT_SYNTAX,
    ADDRESS_VALID,
    DEFAULT_TIMEOUT,
    OPTION_DEFAULT,
    SEND_OPTIONS,
    SOURCE_OPTION_HEADER_BCC,
    SOURCE_OPTIONS,
    VALIDATE_SYNTAX,
    Email,
    EmailAttach,
    EmailSMTPSession,
    EmailStructure,
    check_option,
)

# What this module declares; wlmail.email.register adds it to a registry.
DECLARE = Declarations()

DECLARE.global_variable("Email", (), "EmailStructure", make_structure,
                        doc="the predeclared Email structure of legacy scripts")

# session.py (and message.py, html_import.py) are imported by the functions that need
# them: they pull in aiosmtplib, ssl and the `email` package, which a script that sends
# nothing (and `wlmail check`) should not pay for at start-up.


# The domains above this one whose sessions a user name can name (EmailStartPOP3Session,
# EmailStartIMAPSession) add here how to close them: EmailCloseSession(User) closes those
# too, without this layer importing them.
NAMED_CLOSERS: list[Callable[[Any, str], object]] = []

# The session types of those domains (emailPOP3Session, emailIMAPSession), with how to
# start and close one: EmailStartSession / EmailCloseSession on such a variable.
SessionHandlers = tuple[Callable[[Any, Any], bool], Callable[[Any, Any], bool]]
FOREIGN_SESSIONS: dict[type, SessionHandlers] = {}

# The reading domain opens the POP3 part of the legacy EmailStartSession(User, Password,
# POP3Server [, SMTPServer...]): (rt, user, password, server, port) -> started.
LEGACY_POP3: list[Callable[[Any, str, str, str, Any], bool]] = []


def _foreign(session: Any) -> SessionHandlers | None:
    for kind, handlers in FOREIGN_SESSIONS.items():
        if isinstance(session, kind):
            return handlers
    return None


def _named(rt: Any) -> dict[str, EmailSMTPSession]:
    return EmailState.of(rt).named_sessions


def _is_number(v: Any) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and v.strip().isdigit()


def _session_arg(rt: Any, fn: str, v: Any) -> tuple[EmailSMTPSession | None, str]:
    """A session variable, or the user name that named a legacy session."""
    if isinstance(v, EmailSMTPSession):
        return v, f"({v.label()})"
    if isinstance(v, str):
        return _named(rt).get(v), f'"{v}"'
    raise WLFatal(f"{fn} expects an emailSMTPSession variable or the user name of a session "
                  f"started with EmailStartSMTPSession, not {describe(v)}", Err.ARGUMENT_TYPE)


def _mail_arg(rt: Any, fn: str, v: Any) -> Email | EmailStructure:
    if v is None:
        return structure_for(rt)
    if isinstance(v, (Email, EmailStructure)):
        return v
    raise WLFatal(f"{fn} expects an Email variable, not {describe(v)}", Err.ARGUMENT_TYPE)


def _start_named(rt: Any, user: str, session: EmailSMTPSession) -> bool:
    from . import session as sess
    named = _named(rt)
    old = named.get(user)
    if old is not None and old._conn is not None:
        sess.close(rt, old)
    session._label = user
    ok = sess.start(rt, session)
    if ok:
        named[user] = session
    else:
        named.pop(user, None)
    return ok


@DECLARE.function("EmailStartSession", ("EmailOuvreSession",), fallible=True, domain="email",
                  returns="boolean", secret_args=(1,), example="""
    s is emailSMTPSession
    s.ServerAddress = "smtp.example.com"
    IF EmailStartSession(s) THEN
        Trace("session started")
        EmailCloseSession(s)
    ELSE
        Trace(ErrorInfo())
    END
""")
def email_start_session(rt: Any, session: Any, password: Any = None, pop3_server: Any = None,
                        smtp_server: Any = None, pop3_port: Any = None, smtp_port: Any = None,
                        asynchronous: Any = None) -> bool:
    """Start a session: `EmailStartSession(MySession)`, or the legacy form
    `EmailStartSession(User, Password, POP3Server [, SMTPServer [, POP3Port [, SMTPPort
    [, Async]]]])`: the POP3 and SMTP sessions named by User (reading and sending)."""
    if isinstance(session, EmailSMTPSession):
        if password is not None:
            raise WLFatal("EmailStartSession(session) takes only the session variable",
                          Err.ARGUMENT_COUNT)
        from . import session as sess
        return sess.start(rt, session)
    foreign = _foreign(session)
    if foreign is not None:
        if password is not None:
            raise WLFatal("EmailStartSession(session) takes only the session variable",
                          Err.ARGUMENT_COUNT)
        return foreign[0](rt, session)
    if not isinstance(session, str):
        raise WLFatal(f"EmailStartSession expects an emailSMTPSession variable or a user name, "
                      f"not {describe(session)}", Err.ARGUMENT_TYPE)
    if pop3_server is None:
        raise WLFatal("the legacy form is EmailStartSession(User, Password, POP3Server "
                      "[, SMTPServer [, POP3Port [, SMTPPort [, Async]]]])", Err.ARGUMENT_COUNT)
    if LEGACY_POP3:
        # The POP3 part first: the session the user name names then reads as well.
        if not LEGACY_POP3[0](rt, session, to_str(password), to_str(pop3_server), pop3_port):
            return False
        if smtp_server is None or not to_str(smtp_server).strip():
            return True
    s = EmailSMTPSession()
    s.server_address = to_str(smtp_server).strip() if smtp_server is not None else ""
    if not s.server_address:
        return rt.fail(Err.BAD_ADDRESS,
                       "no SMTP server was given: wlmail only sends mail, pass the SMTP server "
                       "as the fourth parameter of EmailStartSession (or use "
                       "EmailStartSMTPSession)")
    s.port = to_int(smtp_port) if smtp_port is not None else 25
    pwd = to_str(password)
    # The user and password were the POP3 account's: they are tried on the SMTP server
    # when it offers AUTH, and a server that offers none is fine (SMTP relays of the time).
    s.name = session if pwd else ""
    s.password = pwd
    s.asynchronous = to_bool(asynchronous) if asynchronous is not None else False
    s._auth_optional = True
    if _start_named(rt, session, s):
        return True
    for closer in NAMED_CLOSERS:   # the POP3 part opened above: a failed start holds nothing
        closer(rt, session)
    return False


# The password of EmailStartSMTPSession may be left out: diagnostics mask the second
# argument only when the call reads it as a password (as below, and as the lint does).
SECRETS.add_optional(("EmailStartSMTPSession", "EmailOuvreSessionSMTP"), 1,
                     ("True", "False", "Vrai", "Faux", "emailAsynchronous", "emailSynchronous",
                      "emailAsynchrone", "emailSynchrone"))


@DECLARE.function("EmailStartSMTPSession", ("EmailOuvreSessionSMTP",), fallible=True,
                  domain="email", returns="boolean", secret_args=(1,))
def email_start_smtp_session(rt: Any, user: Any, a2: Any, a3: Any = None, a4: Any = None,
                             a5: Any = None, a6: Any = None) -> bool:
    """`EmailStartSMTPSession(User [, Password], Server [, Port [, Async [, Option]]])`: an
    SMTP-only session named by User. With three parameters the third is the port when it
    is a number, else the server."""
    if not isinstance(user, str):
        raise WLFatal(f"EmailStartSMTPSession expects the user name first, not {describe(user)}",
                      Err.ARGUMENT_TYPE)
    args = [a2, a3, a4, a5, a6]
    while args and args[-1] is None:
        args.pop()
    if len(args) == 1 or _is_number(args[1]):
        password, server, rest = "", args[0], args[1:]
    else:
        password, server, rest = args[0], args[1], args[2:]
    rest += [None] * (3 - len(rest))
    port, asynchronous, option = rest
    s = EmailSMTPSession()
    s.server_address = to_str(server).strip()
    s.port = to_int(port) if port is not None else 25
    s.asynchronous = to_bool(asynchronous) if asynchronous is not None else False
    s.option = check_option(option) if option is not None else OPTION_DEFAULT
    pwd = to_str(password)
    s.name = user if pwd else ""
    s.password = pwd
    return _start_named(rt, user, s)


def _option_flags(fn: str, options: Any, allowed: int, names: str) -> int:
    """An options argument (None: no option): a sum of the constants `names` lists."""
    if options is None:
        return 0
    if isinstance(options, bool) or not _is_number(options):
        raise WLFatal(f"{fn}'s options are {names}, not {describe(options)}", Err.BAD_OPTION)
    flags = to_int(options)
    if flags & ~allowed:
        raise WLFatal(f"unknown {fn} option {flags}: the options are {names}", Err.BAD_OPTION)
    return flags


@DECLARE.function("EmailSendMessage", ("EmailEnvoieMessage",), fallible=True, domain="email",
                  returns="boolean", example="""
    s is emailSMTPSession
    s.ServerAddress = "smtp.example.com"
    m is Email
    m.Sender = "ann@example.com"
    m.Recipient.Add("bob@example.com")
    m.Subject = "Hello"
    m.Message = "Hi Bob"
    IF EmailStartSession(s) THEN
        IF NOT EmailSendMessage(s, m) THEN Trace(ErrorInfo())
        EmailCloseSession(s)
    END
""")
def email_send_message(rt: Any, session: Any, mail: Any = None, options: Any = None) -> bool:
    """Send an Email (or, without one, the global Email structure) on a started session.
    True when the server accepted it for every recipient."""
    s, shown = _session_arg(rt, "EmailSendMessage", session)
    m = _mail_arg(rt, "EmailSendMessage", mail)
    _option_flags("EmailSendMessage", options, SEND_OPTIONS, "emailOptionEncodeHeader")
    from . import session as sess
    if s is None:
        return sess.not_started(rt, shown)
    return sess.send(rt, s, m, shown=shown)


@DECLARE.function("EmailCloseSession", ("EmailFermeSession",), fallible=True, domain="email",
                  returns="boolean", example="""
    s is emailSMTPSession
    s.ServerAddress = "smtp.example.com"
    EmailStartSession(s)
    EmailCloseSession(s)
    Trace("closed")
""")
def email_close_session(rt: Any, session: Any) -> bool:
    """Send QUIT and close the connection; closing twice is harmless."""
    foreign = _foreign(session)
    if foreign is not None:
        return foreign[1](rt, session)
    if isinstance(session, str):
        for closer in NAMED_CLOSERS:
            closer(rt, session)
    s, _ = _session_arg(rt, "EmailCloseSession", session)
    if isinstance(session, str):
        _named(rt).pop(session, None)
    if s is not None and s._conn is not None:
        from . import session as sess
        sess.close(rt, s)
    return True


@DECLARE.function("EmailReset", ("EmailRAZ",), returns="boolean")
def email_reset(rt: Any, mail: Any = None) -> bool:
    """Clear the global Email structure (or the Email variable given)."""
    _mail_arg(rt, "EmailReset", mail).reset()
    return True


@DECLARE.function("EmailSetTimeOut", ("EmailChangeTimeOut",), returns="boolean")
def email_set_timeout(rt: Any, seconds: Any) -> bool:
    """Time allowed to each exchange with the server, for the sessions started after:
    a number of seconds, a Duration (`30s`) or a readable duration ("30 s", "2 min",
    "1 min 30 s", "500 ms")."""
    if isinstance(seconds, Duration):
        seconds = seconds.ms / 1000
    if isinstance(seconds, str):
        # A duration first; any other text converts as a number did before ("1e400",
        # "-5"), and what is neither fails there.
        parsed = readable_duration(seconds)
        if parsed is not None:
            seconds = parsed
    EmailState.of(rt).timeout = timeout_seconds(seconds)
    return True


@DECLARE.function("EmailGetTimeOut", ("EmailLitTimeOut",), returns="int")
def email_get_timeout(rt: Any) -> int:
    """The time-out EmailSetTimeOut set (or the default), in whole seconds."""
    return max(1, round(EmailState.of(rt).timeout))


_DURATION_UNITS = {"ms": 0.001, "s": 1.0, "sec": 1.0, "min": 60.0, "mn": 60.0, "h": 3600.0}
_DURATION_PART = r"(?i)\s*(\d+(?:[.,]\d+)?)\s*(ms|sec|s|min|mn|h)\b\s*"   # compiled on first use


def readable_duration(text: str) -> float | None:
    """Seconds in a duration written as WINDEV shows them ("30 s", "1 min 30 s",
    "500 ms", "2 h"); None when the text is not one."""
    pos, total, seen = 0, 0.0, False
    for m in re.finditer(_DURATION_PART, text):
        if m.start() != pos:
            return None
        total += float(m.group(1).replace(",", ".")) * _DURATION_UNITS[m.group(2).lower()]
        pos, seen = m.end(), True
    return total if seen and pos == len(text) else None


# RFC 5321/5322 dot-atom local part (non-ASCII letters allowed, RFC 6531) and a domain
# of LDH labels whose last label is a top-level domain (letters, or an xn-- A-label).
# Patterns as text, compiled (and cached by `re`) on first use: their Unicode ranges
# cost ~13 ms to compile, which every start-up would pay otherwise.
_LOCAL = (r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]+"
          r"(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]+)*")
_LABEL = (r"[A-Za-z0-9\u0080-\U0010ffff]([A-Za-z0-9\-\u0080-\U0010ffff]{0,61}"
          r"[A-Za-z0-9\u0080-\U0010ffff])?")
_TLD = r"([A-Za-z\u0080-\U0010ffff]{2,63}|xn--[A-Za-z0-9\-]{1,59})"


def address_syntax_ok(address: str) -> bool:
    local, at, domain = address.rpartition("@")
    if not at or not local or not domain or len(local) > 64 or len(address) > 254:
        return False
    if not re.fullmatch(_LOCAL, local):
        return False
    labels = domain.split(".")
    return (len(labels) >= 2 and all(re.fullmatch(_LABEL, lb) for lb in labels)
            and bool(re.fullmatch(_TLD, labels[-1])))


@DECLARE.function("EmailCheckAddress", ("EmailVérifieAdresse",), returns="int", example="""
    IF EmailCheckAddress("ann@example.com") = emailAddressValid THEN Trace("valid")
""")
def email_check_address(rt: Any, address: Any, level: Any = None) -> int:
    """emailAddressValid or emailAddressIncorrectSyntax: the syntax of an address
    (local part, @, a domain whose last label is a top-level domain). Surrounding
    spaces and a display name are not accepted: pass the address alone."""
    if level is not None and (isinstance(level, bool) or to_int(level) != VALIDATE_SYNTAX):
        raise WLFatal(f"EmailCheckAddress's second parameter is emailValidateSyntax (wlmail "
                      f"does not ask servers whether an address exists), not {describe(level)}",
                      Err.BAD_OPTION)
    return ADDRESS_VALID if address_syntax_ok(to_str(address)) else ADDRESS_INCORRECT_SYNTAX


# The longest time-out EmailSetTimeOut sets: an hour for one wait (a reply, room in the
# socket to write more) is already far past any server that still works. A larger value
# (1e9, 1e300, an integer of 400 digits) is cut to it.
MAX_TIMEOUT = 3600.0


def timeout_seconds(seconds: Any) -> float:
    """EmailSetTimeOut's argument as a usable time-out: 0, negative or NaN give the
    default, anything above MAX_TIMEOUT (infinity included) gives MAX_TIMEOUT."""
    value = to_real(seconds)
    if isinstance(value, int):
        # Bounded before float(): an integer too big for a float raises OverflowError.
        value = max(-1, min(value, int(MAX_TIMEOUT) + 1))
    value = float(value)
    if math.isnan(value) or value <= 0:
        return DEFAULT_TIMEOUT
    return min(value, MAX_TIMEOUT)


def _not_attachable(text: str, p: Any) -> str | None:
    """Why the file `text` (resolved to `p`) cannot be attached, or None."""
    try:
        if p.is_file():
            return None
    except OSError as exc:   # a name too long for the system, a folder it cannot search...
        return f'cannot attach "{text}": {exc.strerror or exc}'
    return f'cannot attach "{text}": the file does not exist'


@DECLARE.function("EmailLoadAttachment", ("EmailChargeFichierAttaché",), fallible=True, domain="email")
def email_load_attachment(rt: Any, a1: Any, path: Any = None, name: Any = None,
                          identifier: Any = None) -> Any:
    """`EmailLoadAttachment(MyEmail, Path [, Name [, Identifier]])` attaches a file and
    returns True; `EmailLoadAttachment(Path)` returns an emailAttach. The file is read
    when the message is sent."""
    if path is None:
        p = rt.resolve_path(to_str(a1))
        problem = _not_attachable(to_str(a1), p)
        if problem:
            return rt.fail(Err.FILE_NOT_FOUND, problem, counted=False, result=None)
        return EmailAttach.from_file(str(p))
    mail = _mail_arg(rt, "EmailLoadAttachment", a1)
    text = to_str(path)
    p = rt.resolve_path(text)
    problem = _not_attachable(text, p)
    if problem:
        return rt.fail(Err.FILE_NOT_FOUND, problem, counted=False)
    nm = to_str(name) if name is not None else ""
    ident = to_str(identifier) if identifier is not None else ""
    if isinstance(mail, EmailStructure) and not nm and not ident:
        i = mail.nb_attach + 1
        mail.attach.set(i, text)
        mail.nb_attach = max(mail.nb_attach, i)
    else:
        mail.add_attachment(EmailAttach.from_file(str(p), nm, ident))
    return True


@DECLARE.function("EmailBuildSource", ("EmailConstruitSource",), fallible=True, domain="email",
                  returns="boolean", example="""
    m is Email
    m.Sender = "ann@example.com"
    m.Recipient.Add("bob@example.com")
    m.Subject = "Hello"
    m.Message = "Hi"
    IF EmailBuildSource(m) THEN Trace(Left(m.Source, 30))
""")
def email_build_source(rt: Any, mail: Any = None, options: Any = None) -> bool:
    """Fill the Source property with the message's RFC 5322 text; options:
    emailOptionEncodeHeader (headers are always encoded), emailOptionHeaderBcc (write
    the Bcc header too, which a sent message never shows)."""
    if options is None and mail is not None and _is_number(mail) and not isinstance(mail, str):
        mail, options = None, mail      # EmailBuildSource(options) on the Email structure
    m = _mail_arg(rt, "EmailBuildSource", mail)
    flags = _option_flags("EmailBuildSource", options, SOURCE_OPTIONS,
                          "emailOptionEncodeHeader and emailOptionHeaderBcc")
    from . import message as msgmod
    try:
        out = msgmod.build(m, "", rt.resolve_path, need_recipient=False, need_sender=False,
                           header_bcc=bool(flags & SOURCE_OPTION_HEADER_BCC))
        m.source = msgmod.source_text(out)
    except msgmod.BuildError as e:
        return rt.fail(e.code, e.message)
    msgmod.remember_id(m, out.message_id)
    return True


@DECLARE.function("EmailImportSource", ("EmailImporteSource",), fallible=True, domain="email",
                  returns="boolean")
def email_import_source(rt: Any, mail: Any = None) -> bool:
    """Fill an Email (or the Email structure) from the RFC 5322 text in its Source
    property: sender, recipients, subject, bodies, attachments, headers."""
    m = _mail_arg(rt, "EmailImportSource", mail)
    from . import message as msgmod
    try:
        msgmod.import_source(m, m.source)
    except msgmod.BuildError as e:
        return rt.fail(e.code, e.message)
    return True


@DECLARE.function("EmailSend", ("EmailEnvoie",), fallible=True, domain="email", returns="boolean")
def email_send(rt: Any, session: Any, source: Any) -> bool:
    """Send a message that is already in RFC 5322 form: a file path, or the text itself
    (what EmailBuildSource put in Source). When the Email structure has recipients,
    the envelope (MAIL FROM, RCPT TO, Bcc included) comes from it and the data from
    the file; otherwise from the file's own headers."""
    s, shown = _session_arg(rt, "EmailSend", session)
    from . import session as sess
    if s is None:
        return sess.not_started(rt, shown)
    if isinstance(source, bytes):
        data = source
    else:
        text = to_str(source)
        if "\n" in text and ":" in text.split("\n", 1)[0]:
            data = text.encode("utf-8")
        else:
            p = rt.resolve_path(text)
            try:
                data = p.read_bytes()
            except OSError as exc:
                return rt.fail(Err.FILE_NOT_FOUND, f'cannot read the message file "{text}": '
                                                   f"{exc.strerror or exc}", counted=False)
    return sess.send_source(rt, s, data, shown=shown, envelope=structure_for(rt))


@DECLARE.function("EmailImportHTML", ("EmailImporteHTML",), fallible=True, domain="email",
                  returns="boolean")
def email_import_html(rt: Any, mail: Any, html: Any, images_dir: Any = None) -> bool:
    """Set the HTML body and embed the local images it shows (src=...) as inline
    attachments referenced by cid:."""
    m = _mail_arg(rt, "EmailImportHTML", mail)
    from .html_import import import_html
    base = rt.resolve_path(to_str(images_dir)) if images_dir else rt.script_dir
    return import_html(rt, m, to_str(html), base)
