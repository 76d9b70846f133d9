"""IMAP folders: EmailListFolder, EmailChangeFolder, EmailCurrentFolder,
EmailCreateFolder, EmailDeleteFolder, EmailCopyMessage, EmailMoveMessage (English and
French names), over IMAP or the offline Maildir++ tree of `--mailbox`.

Folder names are given and shown as the script writes them (`Archives/2026`, `Reçus`);
on the wire they are quoted and, when not ASCII, in IMAP's modified UTF-7 (RFC 3501
5.1.3).  POP3 has no folders: these functions answer False with ErrorInfo saying so.
"""
from __future__ import annotations

import re
from typing import Any

from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import describe, to_str
from .foldernames import sort_folders, utf7_decode, utf7_encode
from .types import EmailIMAPSession, EmailPOP3Session, ReadingSession

DECLARE = Declarations()


def quoted(name: str) -> str:
    wire = utf7_encode(name)
    return '"' + wire.replace("\\", "\\\\").replace('"', '\\"') + '"'


_LIST = re.compile(rb'^\((?P<flags>[^)]*)\) (?P<sep>"(?:[^"\\]|\\.)*"|NIL) (?P<name>.*)$')


def _unquote(raw: bytes) -> str:
    text = raw.decode("utf-8", "replace").strip()
    if len(text) >= 2 and text[0] == '"' and text[-1] == '"':
        text = re.sub(r"\\(.)", r"\1", text[1:-1])
    return text


# -- IMAP --------------------------------------------------------------------------------------
def _imap_ok(typ: str, data: Any, what: str) -> None:
    from .commands import _imap_ok as ok  # the server's words escaped, as for messages
    ok(typ, data, what)


def imap_folders(box: Any) -> list[str]:
    typ, data = box.client.list('""', "*")
    _imap_ok(typ, data, "LIST")
    names = []
    i = 0
    while i < len(data):
        item = data[i]
        if isinstance(item, tuple):
            # A name sent as a literal: {n} then the name.
            names.append(utf7_decode(item[1].decode("utf-8", "replace")))
        elif isinstance(item, bytes):
            m = _LIST.match(item)
            flags = m.group("flags").lower() if m is not None else b""
            if m is not None and b"\\noselect" not in flags and b"\\nonexistent" not in flags:
                names.append(utf7_decode(_unquote(m.group("name"))))
        i += 1
    return sort_folders(names)



def imap_select(box: Any, name: str, previous: str) -> None:
    typ, data = box.client.select(quoted(name))
    if typ != "OK":
        # A refused SELECT leaves no folder selected (RFC 3501 6.3.1): back to the one
        # the session read, so that it goes on as before.
        box.client.select(quoted(previous))
    _imap_ok(typ, data, f"SELECT {name}")
    typ, data = box.client.uid("SEARCH", "ALL")
    _imap_ok(typ, data, "UID SEARCH")
    box.ids = [u.decode("ascii") for u in (data[0] or b"").split()]


def imap_copy(box: Any, ident: str, folder: str, move: bool) -> None:
    if move and "MOVE" in box.client.capabilities:
        typ, data = box.client.uid("MOVE", ident, quoted(folder))
        _imap_ok(typ, data, f"UID MOVE {ident}")
        return
    typ, data = box.client.uid("COPY", ident, quoted(folder))
    _imap_ok(typ, data, f"UID COPY {ident}")
    if move:
        box.delete(ident)


# -- the functions -------------------------------------------------------------------------
def _box(rt: Any, fn: str, session: Any) -> tuple[ReadingSession | None, Any]:
    from .messages import started
    s = started(rt, fn, session)
    if s is None:
        return None, None
    if isinstance(s, EmailPOP3Session):
        rt.fail(Err.BAD_OPTION, f"{fn}: POP3 has no folders (only IMAP has): use an "
                                   f"emailIMAPSession")
        return None, None
    return s, s._box


def _name(fn: str, v: Any) -> str:
    if not isinstance(v, str):
        raise WLFatal(f"{fn} expects a folder name, not {describe(v)}", Err.ARGUMENT_TYPE)
    name = v.strip()
    if not name:
        raise WLFatal(f"{fn}: the folder name is empty", Err.BAD_OPTION)
    return name


def _run(rt: Any, s: ReadingSession, fn: str, step: Any) -> Any:
    from . import sessions
    return sessions.guarded(rt, s, fn, step)


def _is_maildir(box: Any) -> bool:
    from .maildir import MaildirBox
    return isinstance(box, MaildirBox)


def _current(s: ReadingSession, box: Any) -> str:
    if _is_maildir(box):
        return str(box.folder)
    return to_str(s.folder) if isinstance(s, EmailIMAPSession) and s.folder else "INBOX"


@DECLARE.function("EmailListFolder", ("EmailListeDossier",), fallible=True, domain="reading",
                  returns="string")
def email_list_folder(rt: Any, session: Any) -> str:
    """The folders of the IMAP mailbox, one per line (separated by CR), INBOX first."""
    s, box = _box(rt, "EmailListFolder", session)
    if s is None:
        return ""
    names = _run(rt, s, "EmailListFolder",
                 lambda: box.folders() if _is_maildir(box) else imap_folders(box))
    return "" if names is None else "\r\n".join(names)


@DECLARE.function("EmailCurrentFolder", ("EmailDossierEnCours",), fallible=True,
                  domain="reading", returns="string")
def email_current_folder(rt: Any, session: Any) -> str:
    """The folder the session reads (INBOX when none was chosen)."""
    s, box = _box(rt, "EmailCurrentFolder", session)
    return "" if s is None else _current(s, box)


@DECLARE.function("EmailChangeFolder", ("EmailChangeDossier",), fallible=True,
                  domain="reading", returns="boolean")
def email_change_folder(rt: Any, session: Any, folder: Any) -> bool:
    """Read another folder: EmailReadFirst then starts at its first message."""
    name = _name("EmailChangeFolder", folder)
    s, box = _box(rt, "EmailChangeFolder", session)
    if s is None:
        return False
    def change() -> bool:
        if _is_maildir(box):
            box.select(name)
        else:
            imap_select(box, name, _current(s, box))
        return True
    if _run(rt, s, "EmailChangeFolder", change) is None:
        return False
    if isinstance(s, EmailIMAPSession):
        s.folder = _current(s, box) if _is_maildir(box) else name
    s._current, s._last = 0, ""
    s._deleted.clear()   # the same set as the copies of the session variable
    return True


@DECLARE.function("EmailCreateFolder", ("EmailCréeDossier",), fallible=True,
                  domain="reading", returns="boolean")
def email_create_folder(rt: Any, session: Any, folder: Any) -> bool:
    """Create a folder (`Parent/Child` for a sub-folder)."""
    name = _name("EmailCreateFolder", folder)
    s, box = _box(rt, "EmailCreateFolder", session)
    if s is None:
        return False

    def create() -> bool:
        if _is_maildir(box):
            box.create_folder(name)
        else:
            typ, data = box.client.create(quoted(name))
            _imap_ok(typ, data, f"CREATE {name}")
        return True
    return _run(rt, s, "EmailCreateFolder", create) is not None


@DECLARE.function("EmailDeleteFolder", ("EmailSupprimeDossier",), fallible=True,
                  domain="reading", returns="boolean")
def email_delete_folder(rt: Any, session: Any, folder: Any) -> bool:
    """Delete a folder and the messages in it (never the current folder)."""
    name = _name("EmailDeleteFolder", folder)
    s, box = _box(rt, "EmailDeleteFolder", session)
    if s is None:
        return False
    if name.upper() == _current(s, box).upper():
        return bool(rt.fail(Err.BAD_OPTION, f"EmailDeleteFolder: {name} is the folder the "
                                            f"session reads: EmailChangeFolder to another "
                                            f"one first"))

    def delete() -> bool:
        if _is_maildir(box):
            box.delete_folder(name)
        else:
            typ, data = box.client.delete(quoted(name))
            _imap_ok(typ, data, f"DELETE {name}")
        return True
    return _run(rt, s, "EmailDeleteFolder", delete) is not None


def _copy(rt: Any, fn: str, session: Any, email_or_folder: Any, folder: Any,
          move: bool) -> bool:
    from .messages import target_ident
    mail, folder = ((None, email_or_folder) if folder is None
                    else (email_or_folder, folder))
    name = _name(fn, folder)
    s, box = _box(rt, fn, session)
    if s is None:
        return False
    ident = target_ident(rt, fn, s, mail)
    if ident is None:
        return False

    def copy() -> bool:
        if _is_maildir(box):
            (box.move_to if move else box.copy_to)(ident, name)
        else:
            imap_copy(box, ident, name, move)
        return True
    if _run(rt, s, fn, copy) is None:
        return False
    if move:
        s._deleted.add(ident)
    return True


@DECLARE.function("EmailCopyMessage", ("EmailCopieMessage",), fallible=True, domain="reading",
                  returns="boolean")
def email_copy_message(rt: Any, session: Any, email_or_folder: Any, folder: Any = None) -> bool:
    """`EmailCopyMessage(Session [, Email], Folder)`: copy the message read last (or the
    one whose UID the Email holds) into Folder."""
    return _copy(rt, "EmailCopyMessage", session, email_or_folder, folder, move=False)


@DECLARE.function("EmailMoveMessage", ("EmailDéplaceMessage",), fallible=True,
                  domain="reading", returns="boolean")
def email_move_message(rt: Any, session: Any, email_or_folder: Any, folder: Any = None) -> bool:
    """`EmailMoveMessage(Session [, Email], Folder)`: move it (it leaves the current
    folder: EmailReadNext goes on with the next one)."""
    return _copy(rt, "EmailMoveMessage", session, email_or_folder, folder, move=True)

