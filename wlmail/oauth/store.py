"""The token store: so a script that runs every night does not open a browser every night.

One JSON file per (TokenURL, ClientID, Scope, AdditionalParameters) — distinct mailboxes
on one application differ by `login_hint=...` in AdditionalParameters — under
`$XDG_STATE_HOME/wlmail/tokens` (default `~/.local/state/wlmail/tokens`), folder mode
0700, files 0600, written atomically.  The client secret is never written: a refresh
needs it, and the script supplies it again on every run.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import math
import os
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


class TokenStore:
    def __init__(self, directory: Path | None = None) -> None:
        self.dir = directory if directory is not None else default_dir()

    def _path(self, key: Key) -> Path:
        return self.dir / f"{key.id}.json"

    def load(self, key: Key) -> Entry | None:
        path = self._path(key)
        entry = self._read(path)
        if entry is None or entry.key != key:
            return None
        return entry

    def _read(self, path: Path) -> Entry | None:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
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
        """Write the entry (raises OSError when the folder cannot be written)."""
        self.dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if os.name == "posix":
            os.chmod(self.dir, 0o700)
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
        entry.path.unlink(missing_ok=True)

    def forget(self, key: Key) -> None:
        self._path(key).unlink(missing_ok=True)
