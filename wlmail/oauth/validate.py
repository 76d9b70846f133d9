"""Checks on OAuth2Parameters made before anything touches the network.

Each refusal names the property at fault and says what to write instead, because the
person reading it is usually copying values from a Google or Microsoft console.
"""
from __future__ import annotations

import ipaddress
from urllib.parse import parse_qsl, urlsplit

from ..records import record
from ..runtime.errors import Err, WLFailure
from ..safetext import printable
from .types import RESPONSE_TYPE_CODE, RESPONSE_TYPE_TOKEN, OAuth2Parameters

# Parameters wlmail sets itself: letting AdditionalParameters override them would
# silently break PKCE, the state check or the redirect.
PROTECTED_PARAMETERS = frozenset({"client_id", "redirect_uri", "response_type", "state",
                                  "code_challenge", "code_challenge_method"})


class OAuthProblem(WLFailure):
    """A non-fatal OAuth failure: what `rt.fail` receives (code, message, details)."""

    def __init__(self, code: int, message: str, details: str = "") -> None:
        # Messages quote the provider (an error_description, a redirect's error): its
        # control characters are shown escaped, as the SMTP layer shows a server's.
        super().__init__(int(code), printable(message), printable(details))


@record(frozen=True)
class Redirect:
    uri: str                      # what is sent as redirect_uri ("" port filled in later)
    scheme_host: str              # "http://localhost"
    hosts: tuple[str, ...]        # addresses to listen on
    port: int                     # 0: any free port (the URL gave none)
    path: str                     # "/" at least
    query: str

    def with_port(self, port: int) -> str:
        if self.port:
            return self.uri
        # RFC 8252 §7.3: a loopback redirect without a port lets the client pick one.
        return f"{self.scheme_host}:{port}{self.path}" + (f"?{self.query}" if self.query else "")


@record(frozen=True)
class Checked:
    client_id: str
    client_secret: str
    auth_url: str
    token_url: str
    scope: str
    extra: tuple[tuple[str, str], ...]
    redirect: Redirect


def is_loopback_host(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _read_alike(prop: str, url: str, code: int) -> None:
    """Refuse what a browser would read differently from Python's urlsplit: a backslash
    (a browser reads `http://evil.example\\@127.0.0.1` as host evil.example, Python as
    127.0.0.1), a user name before the host, spaces and control characters (which
    browsers drop or encode). Only then can a host checked here be the host visited."""
    if "\\" in url:
        raise OAuthProblem(code, f'{prop} "{url}" contains a backslash, which browsers read '
                           "as a slash: the host would not be the one wlmail checks "
                           '(write it with "/" only, e.g. "http://localhost:9000/")')
    bad = next((c for c in url if ord(c) <= 0x20 or 0x7F <= ord(c) <= 0x9F), None)
    if bad is not None:
        raise OAuthProblem(code, f'{prop} contains a space or a control character '
                           f"(U+{ord(bad):04X}): write the address without it")
    if "@" in urlsplit(url).netloc:
        raise OAuthProblem(code, f'{prop} "{url}" contains a user name before the host '
                           "(user@host): not allowed, so that there is no doubt about the "
                           "host a browser visits")


def _endpoint(prop: str, url: str) -> str:
    url = url.strip()
    if not url:
        raise OAuthProblem(Err.OAUTH_PARAMETERS, f"{prop} is empty: set it to the "
                           "authorization server's address (see docs/oauth.md)")
    _read_alike(prop, url, Err.OAUTH_PARAMETERS)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise OAuthProblem(Err.OAUTH_PARAMETERS,
                           f'{prop} "{url}" is not an http(s) address')
    if parts.scheme.lower() != "https" and not is_loopback_host(parts.hostname):
        raise OAuthProblem(Err.OAUTH_PARAMETERS,
                           f'{prop} "{url}" must use https: plain http is only accepted for '
                           "a server on this computer (localhost, 127.0.0.1, [::1])")
    return url


def check_redirect(url: str) -> Redirect:
    url = url.strip()
    if not url:
        raise OAuthProblem(Err.OAUTH_REDIRECT,
                           "RedirectionURL is empty: set it to a loopback address registered "
                           'with the application, e.g. "http://localhost:9000"')
    _read_alike("RedirectionURL", url, Err.OAUTH_REDIRECT)
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise OAuthProblem(Err.OAUTH_REDIRECT,
                           f'RedirectionURL "{url}" is not an http address such as '
                           '"http://localhost:9000"')
    if not is_loopback_host(host):
        raise OAuthProblem(Err.OAUTH_REDIRECT,
                           f'RedirectionURL "{url}" is not on this computer: wlmail receives '
                           "the authorization answer by listening on the redirection address, "
                           "so its host must be localhost, 127.0.0.1 or [::1] "
                           '(register e.g. "http://localhost:9000" with the application)')
    if parts.scheme.lower() != "http":
        raise OAuthProblem(Err.OAUTH_REDIRECT,
                           f'RedirectionURL "{url}" uses https: the loopback listener speaks '
                           "plain http, as RFC 8252 recommends for desktop applications "
                           f'(use "http://{parts.netloc}{parts.path}")')
    if parts.fragment:
        raise OAuthProblem(Err.OAUTH_REDIRECT,
                           f'RedirectionURL "{url}" must not contain a #fragment')
    try:
        port = parts.port or 0
    except ValueError:
        raise OAuthProblem(Err.OAUTH_REDIRECT, f'RedirectionURL "{url}" has an invalid port')
    name = host.lower()
    if name == "localhost":
        hosts: tuple[str, ...] = ("127.0.0.1", "::1")
    else:
        hosts = (str(ipaddress.ip_address(name)),)
    shown_host = f"[{name}]" if ":" in name else name
    return Redirect(url, f"http://{shown_host}", hosts, port, parts.path or "/", parts.query)


def parse_additional(text: str) -> tuple[tuple[str, str], ...]:
    text = text.strip().lstrip("?&")
    if not text:
        return ()
    pairs = tuple(parse_qsl(text, keep_blank_values=True))
    for k, _ in pairs:
        if k.lower() in PROTECTED_PARAMETERS:
            raise OAuthProblem(Err.OAUTH_PARAMETERS,
                               f'AdditionalParameters may not set "{k}": wlmail sets it itself '
                               "(it carries the PKCE challenge, the state or the redirect)")
    return pairs


def check(params: OAuth2Parameters) -> Checked:
    rtype = params.response_type.strip().lower() or RESPONSE_TYPE_CODE
    if rtype == RESPONSE_TYPE_TOKEN:
        raise OAuthProblem(Err.OAUTH_PARAMETERS,
                           "ResponseType oauth2ResponseTypeToken (the implicit flow) is not "
                           "supported: it exposes the token in the browser and gives no refresh "
                           "token. Use ResponseType = oauth2ResponseTypeCode: wlmail runs the "
                           "authorization-code flow with PKCE, which Google and Microsoft "
                           "support for desktop applications")
    if rtype != RESPONSE_TYPE_CODE:
        raise OAuthProblem(Err.OAUTH_PARAMETERS,
                           f'ResponseType "{params.response_type}" is unknown: use '
                           "oauth2ResponseTypeCode")
    client_id = params.client_id.strip()
    if not client_id:
        raise OAuthProblem(Err.OAUTH_PARAMETERS,
                           "ClientID is empty: copy it from the application's registration "
                           "(Google Cloud console or Microsoft Entra admin center)")
    auth_url = _endpoint("AuthURL", params.auth_url)
    token_url = _endpoint("TokenURL", params.token_url)
    redirect = check_redirect(params.redirection_url)
    extra = parse_additional(params.additional_parameters)
    return Checked(client_id, params.client_secret, auth_url, token_url,
                   params.scope.strip(), extra, redirect)
