"""emailPOP3Session and emailIMAPSession: declarations only (loaded for every run, also
for `wlmail check`), so nothing here imports poplib, imaplib, ssl or the `email` package."""
from __future__ import annotations

from typing import Any

from ..email.types import OPTION_DEFAULT, OPTION_SSL, OPTION_STARTTLS, check_option
from ..registry import Declarations, Property
from ..runtime.values import WLObject

DECLARE = Declarations()

POP3_PORT, POP3S_PORT = 110, 995
IMAP_PORT, IMAPS_PORT = 143, 993

_METHODS = {
    "StartSession": "EmailStartSession", "OuvreSession": "EmailStartSession",
    "CloseSession": "EmailCloseSession", "FermeSession": "EmailCloseSession",
}


class ReadingSession(WLObject):
    """What POP3 and IMAP sessions share: the server, the account, the TLS option, and
    the live connection once started.  EmailStartSession / EmailCloseSession (declared by
    the email layer, which cannot import this one) reach it through
    `wlmail.email.functions.FOREIGN_SESSIONS`."""

    PROTOCOL = ""
    PLAIN_PORT = 0
    TLS_PORT = 0

    # The live client (wlmail.reading.client.Mailbox) once started.
    _box: Any = None
    # The message EmailReadFirst / EmailReadNext read last (1-based; 0: none yet).
    _current: int = 0
    # The identifier of the message read last (what EmailDeleteMessage deletes), and
    # those deleted in this session.
    _last: str = ""
    _label: str = ""

    def __init__(self) -> None:
        super().__init__()
        self._deleted: set[str] = set()

    def set_option(self, value: Any) -> None:
        self.option = check_option(value)

    def effective_port(self) -> int:
        # Port 0 (unset) means the protocol's usual port for the option chosen.
        port = int(self.port)
        if port:
            return port
        return self.TLS_PORT if int(self.option) == OPTION_SSL else self.PLAIN_PORT

    def label(self) -> str:
        return self._label or self.server_address or "(no ServerAddress)"

    def copy(self) -> ReadingSession:
        other = super().copy()
        # A copy names the same WINDEV session: it shares the connection.
        other._box = self._box
        other._current = self._current
        other._last = self._last
        other._deleted = self._deleted
        return other

    def wl_str(self) -> str:
        return self.name


def _common(usual: str) -> tuple[Property, ...]:
    return (
        Property("ServerAddress", ("AdresseServeur",), "string",
                 doc="DNS name or IP address of the server"),
        Property("Port", (), "int", default=0, doc=f"0: the usual port ({usual})"),
        Property("Name", ("Nom",), "string", doc="user name of the mailbox"),
        Property("Password", ("MotDePasse",), "string", secret=True),
        Property("Option", (), "int", default=OPTION_DEFAULT,
                 doc="emailOptionDefault (plain), emailOptionSecuredTLS (STARTTLS), "
                     "optionSSL (implicit TLS)"),
        Property("AuthToken", (), "AuthToken",
                 doc="an OAuth 2.0 access token (AuthIdentify): XOAUTH2 instead of the "
                     "password, refreshed once if the server refuses it"),
    )


@DECLARE.wltype("emailPOP3Session", ("emailSessionPOP3",), example="""
    s is emailPOP3Session
    s.ServerAddress = "pop.example.com"
    s.Port = 995
    s.Name = "ann@example.com"
    s.Password = SysEnvironment("POP3_PASSWORD")
    // EmailStartPOP3Session(s) would connect: reading is never captured.
    Trace(s.ServerAddress)
""")
class EmailPOP3Session(ReadingSession):
    """A connection to a POP3 server for reading (and deleting) mail."""

    PROTOCOL = "POP3"
    PLAIN_PORT, TLS_PORT = POP3_PORT, POP3S_PORT
    PROPERTIES = _common("110, or 995 with optionSSL")
    METHODS = _METHODS


@DECLARE.wltype("emailIMAPSession", ("emailSessionIMAP",), example="""
    s is emailIMAPSession
    s.ServerAddress = "imap.example.com"
    s.Port = 993
    s.Name = "ann@example.com"
    // EmailStartIMAPSession(s) would connect: reading is never captured.
    Trace(s.ServerAddress)
""")
class EmailIMAPSession(ReadingSession):
    """A connection to an IMAP server for reading (and deleting) mail in one folder."""

    PROTOCOL = "IMAP"
    PLAIN_PORT, TLS_PORT = IMAP_PORT, IMAPS_PORT
    PROPERTIES = _common("143, or 993 with optionSSL") + (
        Property("Folder", ("Dossier",), "string", default="INBOX",
                 doc="the folder read (INBOX by default)"),
    )
    METHODS = _METHODS


__all__ = ["OPTION_STARTTLS", "EmailIMAPSession", "EmailPOP3Session", "ReadingSession"]
