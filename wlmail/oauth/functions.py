"""AuthIdentify and AuthRefreshToken, declared in the registry (English and French names).

Importing this module is cheap: the bodies import identify.py (asyncio, and through it
authlib and httpx2 when a token is really asked for) only when a script calls them.
"""
from __future__ import annotations

from typing import Any

from ..registry import Declarations
from ..runtime.errors import Err, WLFatal
from ..runtime.values import describe
from .types import AuthToken, OAuth2Parameters

# What this module declares; wlmail.oauth.register adds it to a registry.
DECLARE = Declarations()


def _params_arg(name: str, v: Any) -> OAuth2Parameters:
    if not isinstance(v, OAuth2Parameters):
        raise WLFatal(f"{name} expects an OAuth2Parameters variable, not {describe(v)}",
                      Err.ARGUMENT_TYPE)
    return v


@DECLARE.function("AuthIdentify", ("AuthIdentifie",), fallible=True, domain="auth",
                  returns="AuthToken", example="""
    p is OAuth2Parameters
    p.ClientID = "my-app.apps.googleusercontent.com"
    p.AuthURL = "https://accounts.google.com/o/oauth2/auth"
    p.TokenURL = "https://accounts.google.com/o/oauth2/token"
    p.Scope = "https://mail.google.com/"
    p.RedirectionURL = "http://localhost:9000"
    // In capture mode the token is a synthetic one: no browser, nothing sent.
    t is AuthToken = AuthIdentify(p)
    IF t.Valid THEN Trace("token obtained")
""")
def auth_identify(rt: Any, params: Any, callback: Any = None) -> AuthToken:
    """Obtain an access token: from the token store, by refreshing it, or with the
    authorization-code flow (PKCE) in the person's browser."""
    p = _params_arg("AuthIdentify", params)
    if callback is not None:
        raise WLFatal("AuthIdentify with a callback procedure (the asynchronous form) is not "
                      "supported by wlmail: call `MyToken = AuthIdentify(MyParameters)`",
                      Err.ARGUMENT_COUNT)
    from .identify import identify  # lazily: asyncio, start-up speed
    return identify(rt, p)


@DECLARE.function(("AuthRefreshToken",), ("AuthRenouvelleToken",), fallible=True, domain="auth",
                  returns="AuthToken")
def auth_refresh_token(rt: Any, token: Any, params: Any = None) -> AuthToken:
    """Return a new AuthToken obtained with the token's refresh token."""
    if not isinstance(token, AuthToken):
        raise WLFatal(f"AuthRefreshToken expects an AuthToken, not {describe(token)}",
                      Err.ARGUMENT_TYPE)
    p = _params_arg("AuthRefreshToken", params) if params is not None else None
    from .identify import refresh_new  # lazily: asyncio, start-up speed
    return refresh_new(rt, token, p)
