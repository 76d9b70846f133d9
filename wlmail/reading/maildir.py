"""`--mailbox DIR`: every reading session reads the local Maildir DIR instead of a
server (what `--capture` wrote, or a copy of a real mailbox), so a script that reads can
be tried and taught with no server at all.

The layout is Maildir++, the one Dovecot and Courier use: DIR itself is INBOX, each
other folder is a sub-folder `.Name` of DIR (`.Name.Sub` for `Name/Sub`) with its own
cur/new/tmp.  The read status is the `S` flag of the file name (`...:2,S`).  Deleting,
moving and marking change only these files.
"""
from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import time
import uuid
from pathlib import Path

from .client import Fetched, Mailbox, MailboxError
from .foldernames import sort_folders, utf7_decode, utf7_encode

SEPARATOR = "/"   # how folder names are shown (Dovecot's separator in its tests)
_BARE_LF = re.compile(rb"(?<!\r)\n")


def _crlf(data: bytes) -> bytes:
    # Maildir files use the local line end; a server sends CR LF: read the same either way.
    return _BARE_LF.sub(b"\r\n", data)


def problem(path: str) -> str | None:
    """Why DIR cannot be read as a Maildir (for the command line), or None."""
    p = Path(os.path.expanduser(path))
    if not p.is_dir():
        return "no such folder" if not p.exists() else "this is a file, not a folder"
    missing = [sub for sub in ("cur", "new") if not (p / sub).is_dir()]
    if missing:
        return (f"not a Maildir (no {' or '.join(missing)} folder inside); give the folder "
                f"that --capture wrote, or a Maildir")
    return None


class MaildirBox(Mailbox):
    """One Maildir++ tree; `ids` are the file keys of the current folder, oldest first."""

    def __init__(self, root: str, folder: str = "INBOX", pop3: bool = False) -> None:
        # A POP3 session reads it as POP3 would: no folders, no read status.
        self.pop3 = pop3
        self.root = Path(os.path.expanduser(root)).resolve()
        why = problem(str(self.root))
        if why:
            raise MailboxError("protocol", f"--mailbox {root}: {why}")
        self.folder = "INBOX"
        # POP3's DELE only marks (RFC 1939, section 6): the files go at QUIT (close), and
        # stay when the session dies without it (_drop).
        self.marked: dict[str, Path] = {}
        self.ids: list[str] = []
        self._files: dict[str, Path] = {}
        self.select(folder or "INBOX")

    # -- folders ---------------------------------------------------------------------------
    def _folder_path(self, name: str) -> Path:
        name = name.strip().strip(SEPARATOR)
        if not name or name.upper() == "INBOX":
            return self.root
        parts = name.split(SEPARATOR)
        if any(not p or p in (".", "..") or "." in p or "/" in p for p in parts):
            raise MailboxError("protocol", f"the folder name {name!r} cannot be a Maildir++ "
                                           f"folder (no empty part, no dot)")
        # On disk as Dovecot writes them: modified UTF-7, "." between the levels.
        return self.root / ("." + ".".join(utf7_encode(p) for p in parts))

    def select(self, name: str) -> None:
        path = self._folder_path(name)
        if not (path / "cur").is_dir() or not (path / "new").is_dir():
            raise MailboxError("protocol", f"the folder {name!r} does not exist in the "
                                           f"Maildir {self.root}")
        self.folder = "INBOX" if path == self.root else name.strip().strip(SEPARATOR)
        self._scan(path)

    def _scan(self, path: Path) -> None:
        found: list[tuple[float, str, Path]] = []
        for sub in ("new", "cur"):
            with os.scandir(path / sub) as entries:
                for entry in entries:
                    if entry.name.startswith(".") or not entry.is_file():
                        continue
                    key = entry.name.split(":", 1)[0]
                    found.append((entry.stat().st_mtime, key, Path(entry.path)))
        found.sort()
        self._files = {key: p for _, key, p in found}
        self.ids = [key for _, key, _ in found]

    def folders(self) -> list[str]:
        names = ["INBOX"]
        for entry in sorted(os.listdir(self.root)):
            p = self.root / entry
            if entry.startswith(".") and entry not in (".", "..") and (p / "cur").is_dir():
                names.append(SEPARATOR.join(utf7_decode(p) for p in entry[1:].split(".")))
        return sort_folders(names)

    def create_folder(self, name: str) -> None:
        path = self._folder_path(name)
        if path == self.root or path.exists():
            raise MailboxError("protocol", f"the folder {name!r} already exists")
        for sub in ("cur", "new", "tmp"):
            (path / sub).mkdir(parents=True, mode=0o700)
        (path / "maildirfolder").touch()

    def delete_folder(self, name: str) -> None:
        path = self._folder_path(name)
        if path == self.root:
            raise MailboxError("protocol", "INBOX cannot be deleted")
        if not (path / "cur").is_dir():
            raise MailboxError("protocol", f"the folder {name!r} does not exist")
        shutil.rmtree(path)

    # -- messages --------------------------------------------------------------------------
    def _path(self, ident: str) -> Path:
        p = self._files.get(ident)
        if ident in self.marked:
            raise MailboxError("protocol", f"the message {ident} is marked as deleted")
        if p is None or not p.exists():
            raise MailboxError("protocol", f"the message {ident} is no longer in the folder "
                                           f"{self.folder}")
        return p

    def fetch(self, ident: str) -> Fetched:
        p = self._path(ident)
        raw = _crlf(p.read_bytes())
        return Fetched(raw=raw, uid=ident, size=len(raw),
                       seen=None if self.pop3 else self.seen(ident))

    def header(self, ident: str) -> Fetched:
        p = self._path(ident)
        head = b""
        with p.open("rb") as f:
            while True:
                chunk = f.read(8192)
                head += chunk
                end = re.search(rb"\r?\n\r?\n", head)
                if end is not None:
                    head = head[:end.end()]
                    break
                if not chunk:
                    break
        return Fetched(raw=_crlf(head), uid=ident, size=self.size(ident),
                       seen=None if self.pop3 else self.seen(ident))

    def size(self, ident: str) -> int:
        # Counted with CR LF line ends, as a server counts what it sends.
        return len(_crlf(self._path(ident).read_bytes()))

    def seen(self, ident: str) -> bool:
        name = self._path(ident).name
        info = name.split(":2,", 1)[1] if ":2," in name else ""
        return "S" in info

    def set_seen(self, ident: str, read: bool) -> None:
        p = self._path(ident)
        info = p.name.split(":2,", 1)[1] if ":2," in p.name else ""
        flags = set(info) | {"S"} if read else set(info) - {"S"}
        target = p.parent.parent / "cur" / f"{ident}:2,{''.join(sorted(flags))}"
        p.rename(target)
        self._files[ident] = target

    def delete(self, ident: str) -> None:
        p = self._path(ident)
        if self.pop3:
            self.marked[ident] = p
            return
        p.unlink()
        self._files.pop(ident, None)

    def copy_to(self, ident: str, folder: str) -> None:
        p = self._path(ident)
        dest = self._folder_path(folder)
        if not (dest / "cur").is_dir():
            raise MailboxError("protocol", f"the folder {folder!r} does not exist")
        key = f"{int(time.time())}.M{uuid.uuid4().hex[:12]}.{socket.gethostname()}"
        info = p.name.split(":", 1)[1] if ":" in p.name else ""
        tmp = dest / "tmp" / key
        shutil.copyfile(p, tmp)
        tmp.rename(dest / ("cur" if info else "new") / (key + (":" + info if info else "")))

    def move_to(self, ident: str, folder: str) -> None:
        self.copy_to(ident, folder)
        self.delete(ident)

    def close(self) -> None:
        # Nothing stays open between calls: each file is opened and closed by its call.
        # POP3's QUIT: the marked messages go now (one already gone is no failure: the
        # server's maildrop may also lose a message to another client meanwhile).
        marked, self.marked = self.marked, {}
        for p in marked.values():
            with contextlib.suppress(FileNotFoundError):
                p.unlink()
        self._files = {}

    def _drop(self) -> None:
        # The session died without QUIT (Ctrl-C, a failure of the Maildir itself): as a
        # POP3 server outside the UPDATE state, nothing marked is deleted.
        self.marked = {}
        self._files = {}
