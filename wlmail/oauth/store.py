"""The token store: so a script that runs every night does not open a browser every night.

One JSON file per (TokenURL, ClientID, Scope, AdditionalParameters) — distinct mailboxes
on one application differ by `login_hint=...` in AdditionalParameters — under
`$XDG_STATE_HOME/wlmail/tokens` (default `~/.local/state/wlmail/tokens`), folder mode
0700, files 0600, written atomically.  The client secret is never written: a refresh
needs it, and the script supplies it again on every run.

Symbolic links are never followed: a `tokens` folder that is a link (or is not the
user's own) is refused with a clear error, and a token file that is a link is not read.
Otherwise whoever placed the link would choose where tokens are written, and which
folder wlmail makes private.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import clock
from .flow import TokenData, bounded_expiry

FORMAT = 1


def state_home(env: dict[str, str] | os._Environ = os.environ) -> Path:
    # The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
    value = env.get("XDG_STATE_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path(os.path.expanduser("~")) / ".local" / "state"


def default_dir(env: dict[str, str] | os._Environ = os.environ) -> Path:
    return state_home(env) / "wlmail" / "tokens"


@dataclass(frozen=True)
class Key:
    token_url: str
    client_id: str
    scope: str
    additional_parameters: str

    @property
    def id(self) -> str:
        text = json.dumps([self.token_url, self.client_id, self.scope,
                           self.additional_parameters], ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


@dataclass
class Entry:
    key: Key
    token: TokenData
    saved_at: float
    path: Path

    def usable(self, now: float | None = None) -> bool:
        """Good to hand out without asking anyone: set and not about to expire."""
        if not self.token.access_token:
            return False
        if self.token.expires_at is None:
            return True
        now = clock.now() if now is None else now
        lifetime = max(0.0, self.token.expires_at - self.token.issued_at)
        # A margin, so the token is still good when the SMTP server checks it a moment
        # later: a minute for real tokens, a tenth of the lifetime for very short ones.
        margin = min(60.0, lifetime / 10)
        return now < self.token.expires_at - margin


class StoreRefused(OSError):
    """The token folder cannot be trusted (a symbolic link, another user's folder)."""


def folder_problem(folder: Path, what: str, on_link: str, on_owner: str = "") -> str | None:
    """Why a private folder of wlmail's (`what`: "token folder", "spool folder") cannot be
    trusted: a link, not a folder, another user's.  None when it can, or does not exist
    yet (it is then created private).  The spool uses it too."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return None
    except OSError as e:
        return f"cannot use the {what} {folder}: {e.strerror or e}"
    if stat.S_ISLNK(st.st_mode):
        return f"the {what} {folder} is a symbolic link: {on_link}"
    if not stat.S_ISDIR(st.st_mode):
        return f"the {what} {folder} is not a folder"
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        return f"the {what} {folder} belongs to another user{on_owner}"
    return None


class TokenStore:
    def __init__(self, directory: Path | None = None) -> None:
        self.dir = directory if directory is not None else default_dir()

    def problem(self) -> str | None:
        """Why the folder cannot be used (None when it can, or does not exist yet)."""
        return folder_problem(self.dir, "token folder",
                              "wlmail keeps tokens only in a real folder of its own and does "
                              "not follow links (remove the link; the next run creates the "
                              "folder)", ": wlmail keeps tokens only in a folder of its own")

    def _check(self) -> None:
        why = self.problem()
        if why is not None:
            raise StoreRefused(why)

    def _path(self, key: Key) -> Path:
        return self.dir / f"{key.id}.json"

    def load(self, key: Key) -> Entry | None:
        path = self._path(key)
        entry = self._read(path)
        if entry is None or entry.key != key:
            return None
        return entry

    def _read(self, path: Path) -> Entry | None:
        if self.problem() is not None:
            return None  # never read through a link; save() says why
        try:
            # O_NOFOLLOW: a token file that is a symbolic link is not read.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
            with os.fdopen(fd, "r", encoding="utf-8") as f:
                data = json.loads(f.read())
        except (OSError, ValueError, RecursionError):
            return None  # absent or damaged: as if nothing were stored
        try:
            if data.get("format") != FORMAT:
                return None
            key = Key(data["token_url"], data["client_id"], data["scope"],
                      data["additional_parameters"])
            issued_at = float(data.get("issued_at") or 0.0)
            # Bounded like a fresh answer: an older wlmail kept whatever the server said
            # (1e300 seconds), which no date can show.
            expires_at = bounded_expiry(float(data["expires_at"])
                                        if data.get("expires_at") is not None else None,
                                        issued_at)
            token = TokenData(
                access_token=str(data.get("access_token") or ""),
                refresh_token=str(data.get("refresh_token") or ""),
                token_type=str(data.get("token_type") or ""),
                expires_at=expires_at,
                issued_at=issued_at if math.isfinite(issued_at) else 0.0,
                server_response=str(data.get("server_response") or "").encode("utf-8"))
            return Entry(key, token, float(data.get("saved_at") or 0.0), path)
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def save(self, key: Key, token: TokenData) -> Path:
        """Write the entry (raises OSError when the folder cannot be written, and
        StoreRefused when it is a symbolic link or another user's)."""
        self._check()
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self._check()   # made just now, or already there: still no link
        if os.name == "posix":
            # Through the folder's own descriptor, opened without following a link.
            fd = os.open(self.dir, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) |
                         getattr(os, "O_NOFOLLOW", 0))
            try:
                os.fchmod(fd, 0o700)
            finally:
                os.close(fd)
        data: dict[str, Any] = {
            "format": FORMAT,
            "token_url": key.token_url,
            "client_id": key.client_id,
            "scope": key.scope,
            "additional_parameters": key.additional_parameters,
            "access_token": token.access_token,
            "refresh_token": token.refresh_token,
            "token_type": token.token_type,
            "expires_at": token.expires_at,
            "issued_at": token.issued_at,
            "server_response": token.server_response.decode("utf-8", "replace"),
            "saved_at": clock.now(),
        }
        path = self._path(key)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".json", dir=self.dir)
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, indent=1)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        return path

    def entries(self) -> list[Entry]:
        if self.problem() is not None:
            return []
        try:
            paths = sorted(self.dir.glob("*.json"))
        except OSError:
            return []
        out = []
        for path in paths:
            entry = self._read(path)
            if entry is not None and path.stem == entry.key.id:
                out.append(entry)
        return out

    def remove(self, entry: Entry) -> None:
        self._check()
        entry.path.unlink(missing_ok=True)
