"""OAuth2Parameters, AuthToken and the response-type constants (the Auth* functions are
in functions.py).

Only declarations live here: importing this module must stay cheap (every run and
`wlmail check` load it), so the network code (authlib, httpx2) is imported by the
functions when they run.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..records import record
from ..registry import Declarations, Property
from ..runtime.errors import Err, WLFatal
from ..runtime.values import WLObject, to_str
from . import clock

if TYPE_CHECKING:
    from datetime import datetime

# What this module declares; wlmail.oauth.register adds it to a registry.
DECLARE = Declarations()

RESPONSE_TYPE_CODE = "code"
RESPONSE_TYPE_TOKEN = "token"

DECLARE.constant("oauth2ResponseTypeCode", ("oauth2TypeRéponseCode",), value=RESPONSE_TYPE_CODE,
                 doc="Authorization-code flow (the one wlmail runs, with PKCE).")
DECLARE.constant("oauth2ResponseTypeToken", ("oauth2TypeRéponseToken",), value=RESPONSE_TYPE_TOKEN,
                 doc="Implicit flow: refused by wlmail (use oauth2ResponseTypeCode).")


@DECLARE.wltype("OAuth2Parameters", ("OAuth2Paramètres",), example="""
    p is OAuth2Parameters
    p.ClientID = "my-app.apps.googleusercontent.com"
    p.AuthURL = "https://accounts.google.com/o/oauth2/auth"
    p.TokenURL = "https://accounts.google.com/o/oauth2/token"
    p.Scope = "https://mail.google.com/"
    p.RedirectionURL = "http://localhost:9000"
    Trace(p.Scope)
""")
class OAuth2Parameters(WLObject):
    """How to obtain an access token from an OAuth 2.0 authorization server."""

    PROPERTIES = (
        Property("ClientID", (), "string", doc="the application's client id"),
        Property("ClientSecret", (), "string", secret=True,
                 doc="the application's client secret (never stored, never printed)"),
        Property("AuthURL", ("URLAuth",), "string", doc="authorization endpoint (https)"),
        Property("TokenURL", ("URLToken",), "string", doc="token endpoint (https)"),
        Property("Scope", (), "string", doc="space-separated scopes"),
        Property("RedirectionURL", ("URLRedirection",), "string",
                 doc="loopback address wlmail listens on, e.g. http://localhost:9000"),
        Property("ResponseType", ("TypeRéponse",), "string", default=RESPONSE_TYPE_CODE,
                 doc="oauth2ResponseTypeCode"),
        Property("AdditionalParameters", ("ParamètresSupplémentaires",), "string",
                 doc="extra query string added to the authorization URL "
                     "(e.g. login_hint=ann@example.com)"),
    )

    def wl_str(self) -> str:
        return "OAuth2Parameters"


@record(frozen=True)
class Origin:
    """Where a token came from: what a refresh needs. Kept in memory only (the client
    secret is never written anywhere)."""
    token_url: str
    client_id: str
    client_secret: str
    scope: str
    additional_parameters: str

    @classmethod
    def from_params(cls, params: OAuth2Parameters) -> Origin:
        return cls(params.token_url.strip(), params.client_id.strip(), params.client_secret,
                   params.scope.strip(), params.additional_parameters.strip())


def local_datetime(epoch: float) -> datetime:
    """`datetime.fromtimestamp(epoch)` that never fails: a date beyond what Python and the
    platform can show becomes the last (or first) one they can; NaN counts as the distant
    past, so a token with such an expiry is taken as expired, never as valid forever."""
    from datetime import datetime  # here: a run that shows no token date does not pay for it
    try:
        return datetime.fromtimestamp(epoch)
    except (OverflowError, ValueError, OSError):
        return datetime.max if epoch > 0 else datetime.min


def format_datetime(epoch: float) -> str:
    """WLanguage datetime text (YYYYMMDDHHMMSSCC), local time."""
    d = local_datetime(epoch)
    # Not strftime: glibc writes year 1 as "1", not "0001".
    return (f"{d.year:04d}{d.month:02d}{d.day:02d}{d.hour:02d}{d.minute:02d}{d.second:02d}"
            f"{d.microsecond // 10000:02d}")


def parse_datetime(text: str) -> float | None:
    """Epoch seconds of a WLanguage date or datetime (local time); None when unreadable."""
    digits = "".join(c for c in text if c.isdigit())
    if len(digits) < 8:
        return None
    digits = (digits + "0" * 16)[:16]
    from datetime import datetime
    try:
        d = datetime(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]), int(digits[8:10]),
                     int(digits[10:12]), int(digits[12:14]), int(digits[14:16]) * 10000)
        # timestamp() fails too at the ends of the calendar (year 1 in local time).
        return d.timestamp()
    except (ValueError, OverflowError, OSError):
        return None


@DECLARE.wltype("AuthToken", (), secret=True)
class AuthToken(WLObject):
    """An OAuth 2.0 access token, as AuthIdentify returns it. An empty token equals Null."""

    PROPERTIES = (
        Property("Value", ("Valeur",), "string", secret=True, doc="the access token"),
        Property("RefreshToken", (), "string", secret=True,
                 doc="the refresh token, when the server gave one"),
        Property("ExpirationDate", ("DateExpiration",), "datetime",
                 doc="when the access token expires (local time)"),
        Property("Valid", ("Valide",), "boolean", readonly=True,
                 doc="True while Value is set and not expired"),
        Property("TokenType", ("TypeToken",), "string", doc="usually Bearer"),
        Property("ServerResponse", ("RéponseServeur",), "buffer", secret=True,
                 doc="the token endpoint's JSON answer"),
    )

    def __init__(self) -> None:
        for p in self.PROPERTIES:
            if p.attr != "valid":
                setattr(self, p.attr, p.make_default())
        self.origin: Origin | None = None
        self.synthetic = False
        self.issued_at: float | None = None

    # Valid is computed on every read, so a token kept for hours really stops being valid.
    @property
    def valid(self) -> bool:
        if not self.value:
            return False
        expires_at = self.expires_at()
        if self.expiration_date and expires_at is None:
            return False
        return expires_at is None or clock.now() < expires_at

    def set_valid(self, value: Any) -> None:
        raise WLFatal("AuthToken.Valid is read-only: it is computed from Value and "
                      "ExpirationDate", Err.ARGUMENT_TYPE)

    def expires_at(self) -> float | None:
        return parse_datetime(self.expiration_date) if self.expiration_date else None

    def is_null(self) -> bool:
        return not self.value

    def wl_str(self) -> str:
        # WINDEV reads an AuthToken used as text as its Value.
        return self.value

    def __repr__(self) -> str:  # never the secret parts, even in a debugger or a log
        return (f"<AuthToken {'set' if self.value else 'empty'} type={self.token_type!r} "
                f"expires={self.expiration_date!r} synthetic={self.synthetic}>")

    @classmethod
    def convert_from(cls, v: Any) -> AuthToken | None:
        if isinstance(v, (str, bytes)):
            tok = cls()
            tok.value = to_str(v)
            return tok
        return None
