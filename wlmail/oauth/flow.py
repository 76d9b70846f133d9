"""The authorization-code flow with PKCE (S256), and refreshing a token.

authlib's AsyncOAuth2Client (over httpx2) builds the authorization address and talks to
the token endpoint; the redirect is received by our own loopback listener; everything
runs on the run's event loop (`rt.run_async`), the browser in a thread of its own.
HTTPS is verified with `ssl.create_default_context()`, so the system store and
`SSL_CERT_FILE` decide which certificates are trusted.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import math
import secrets
import ssl
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from ..runtime.errors import Err
from . import browser, clock
from .listener import CallbackListener, PasteReader, Verdict
from .validate import Checked, OAuthProblem

HTTP_TIMEOUT = 30.0          # each wait of an HTTP exchange (connect, a read, a write)
# The whole of one exchange with the token endpoint, however its answer trickles in.
HTTP_TOTAL_TIMEOUT = 60.0
# The largest answer read from the token endpoint: a token answer is a few kilobytes
# (an id_token included); anything past this is not one, and is not kept.
MAX_ANSWER_BYTES = 1024 * 1024
# How deeply a token answer's JSON may nest: a real one is a flat object.
MAX_JSON_DEPTH = 64

# Authorization errors (RFC 6749 §4.1.2.1) that mean the request itself is wrong, so the
# fix is in the script's OAuth2Parameters rather than in the person's answer.
_PARAMETER_ERRORS = {"invalid_request", "unauthorized_client", "unsupported_response_type",
                     "invalid_scope"}


# The longest access-token lifetime wlmail believes. Real providers give an hour or so;
# a larger `expires_in` (an answer of 1e300, say) would only make dates that cannot be
# shown, so it is cut to this.
MAX_LIFETIME = 10 * 365.25 * 86400.0


def lifetime(expires_in: Any) -> float | None:
    """Seconds an access token lives, from a token endpoint's `expires_in` (a number, or
    a number in a string, as some servers send it); None when it is absent or unusable
    (not a number, NaN, negative): the token is then kept as having no expiry given."""
    if isinstance(expires_in, bool) or expires_in is None:
        return None
    if isinstance(expires_in, int):
        # Bounded first: float() of a 400-digit integer raises OverflowError.
        value = float(min(expires_in, int(MAX_LIFETIME)))
    elif isinstance(expires_in, float):
        value = expires_in
    elif isinstance(expires_in, str):
        try:
            value = float(expires_in.strip())
        except ValueError:
            return None
    else:
        return None
    if value != value or value < 0:
        return None
    return min(value, MAX_LIFETIME)


def bounded_expiry(expires_at: float | None, issued_at: float) -> float | None:
    """`expires_at` within what a token endpoint can give now (see MAX_LIFETIME): for
    values kept by an older wlmail, or a damaged store. NaN counts as long expired."""
    if expires_at is None:
        return None
    if expires_at != expires_at:
        return 0.0
    if not math.isfinite(issued_at):
        issued_at = 0.0
    return max(0.0, min(expires_at, issued_at + MAX_LIFETIME))


@dataclass
class TokenData:
    access_token: str
    refresh_token: str = ""
    token_type: str = ""
    expires_at: float | None = None
    issued_at: float = field(default_factory=clock.now)
    server_response: bytes = b""

    @classmethod
    def from_response(cls, token: dict[str, Any], raw: bytes, issued_at: float,
                      previous_refresh: str = "") -> TokenData:
        access = token.get("access_token")
        if not isinstance(access, str) or not access:
            raise OAuthProblem(Err.OAUTH_TOKEN_ENDPOINT,
                               "the token endpoint's answer has no access_token")
        seconds = lifetime(token.get("expires_in"))
        expires_at = None if seconds is None else issued_at + seconds
        refresh = token.get("refresh_token")
        if not isinstance(refresh, str) or not refresh:
            refresh = previous_refresh or ""
        token_type = token.get("token_type")
        if not isinstance(token_type, str) or not token_type:
            token_type = "Bearer"
        if not raw:
            raw = json.dumps({k: v for k, v in token.items() if k != "expires_at"}).encode()
        return cls(access, refresh, token_type, expires_at, issued_at, raw)


class AnswerTooLarge(Exception):
    """The token endpoint's answer went past MAX_ANSWER_BYTES."""


def _bounded_stream(stream: Any, limit: int) -> Any:
    """`stream` (an httpx2 response body), cut off with AnswerTooLarge past `limit`
    bytes, so a huge answer is never read whole into memory."""
    import httpx2

    class Bounded(httpx2.AsyncByteStream):
        async def __aiter__(self):
            seen = 0
            async for chunk in stream:
                seen += len(chunk)
                if seen > limit:
                    raise AnswerTooLarge()
                yield chunk

        async def aclose(self) -> None:
            await stream.aclose()

    return Bounded()


async def _check_answer(response: Any) -> None:
    """httpx2 response hook: bounds the body before anything reads it."""
    limit = MAX_ANSWER_BYTES
    length = response.headers.get("content-length", "")
    if length.strip().isdigit() and int(length) > limit:
        raise AnswerTooLarge()
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        # Asked for identity: a compressed body could inflate past any bound.
        raise ValueError(f"its answer is compressed ({encoding}) although it was asked "
                         "not to be")
    response.stream = _bounded_stream(response.stream, limit)


def _json_too_deep(body: bytes, limit: int) -> bool:
    """True when `body` nests arrays or objects more than `limit` deep (a quick scan
    that skips strings), so json.loads never recurses into a hostile answer."""
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:      # backslash
                escaped = True
            elif byte == 0x22:      # closing quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return True
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return False


async def _bounded(coro: Any) -> Any:
    """One exchange with the token endpoint, within HTTP_TOTAL_TIMEOUT in all."""
    return await asyncio.wait_for(coro, HTTP_TOTAL_TIMEOUT)


def _tidy_answer(resp):
    """The token endpoint's answer as authlib can digest it.

    authlib turns `expires_in` (and a non-standard `expires_at`) into an int with no
    guard: `Infinity` raises OverflowError, a list TypeError, "3599.5" ValueError. Those
    values are the server's fault, so the answer is given to authlib with `expires_at`
    removed and `expires_in` bounded (or removed when unusable); TokenData reads the
    same bounded value, and ServerResponse keeps the server's own bytes.
    """
    import httpx2

    if _json_too_deep(resp.content, MAX_JSON_DEPTH):
        raise ValueError(f"its answer nests more than {MAX_JSON_DEPTH} levels deep")
    try:
        token = json.loads(resp.content)
    except (ValueError, RecursionError):
        return resp         # authlib reports a body that is not JSON itself
    if not isinstance(token, dict) or ("expires_at" not in token and
                                       "expires_in" not in token):
        return resp
    token.pop("expires_at", None)
    seconds = lifetime(token.pop("expires_in", None))
    if seconds is not None:
        token["expires_in"] = int(seconds)
    return httpx2.Response(resp.status_code, headers={"content-type": "application/json"},
                           content=json.dumps(token).encode(), request=resp.request)


def redact(text: str, *hidden: str) -> str:
    for h in hidden:
        if h and len(h) >= 4:
            text = text.replace(h, "***")
    return text


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc or url


def _client(client_id: str, client_secret: str, redirect_uri: str | None = None):
    from authlib.integrations.httpx_client import AsyncOAuth2Client

    # client_secret_post: Google's and Microsoft's documentation both send the secret in
    # the body; a public client (no secret) authenticates with its id alone.
    method = "client_secret_post" if client_secret else "none"
    client = AsyncOAuth2Client(
        client_id=client_id, client_secret=client_secret or None,
        token_endpoint_auth_method=method, redirect_uri=redirect_uri,
        code_challenge_method="S256", verify=ssl.create_default_context(),
        timeout=HTTP_TIMEOUT, headers={"Accept-Encoding": "identity"},
        event_hooks={"response": [_check_answer]})
    raw: dict[str, bytes] = {}

    def keep_body(resp):
        raw["body"] = resp.content
        return _tidy_answer(resp)

    client.register_compliance_hook("access_token_response", keep_body)
    client.register_compliance_hook("refresh_token_response", keep_body)
    return client, raw


def _endpoint_failure(exc: BaseException, url: str, doing: str, code: int,
                      hidden: tuple[str, ...]) -> OAuthProblem:
    """Turn whatever authlib/httpx2 raised into words, keeping the server's own."""
    import httpx2
    from authlib.integrations.base_client import OAuthError

    host = _host(url)
    if isinstance(exc, OAuthError):
        text = f"the token endpoint ({host}) refused {doing}: {exc.error}"
        if exc.description:
            text += f": {exc.description}"
        if exc.error == "invalid_client":
            text += " (check ClientID and ClientSecret)"
        return OAuthProblem(code, redact(text, *hidden))
    if isinstance(exc, httpx2.HTTPStatusError):
        r = exc.response
        return OAuthProblem(code, f"the token endpoint ({host}) answered HTTP "
                                  f"{r.status_code} {r.reason_phrase} to {doing}")
    if isinstance(exc, httpx2.TimeoutException):
        return OAuthProblem(Err.OAUTH_NETWORK,
                            f"the token endpoint ({host}) did not answer within "
                            f"{HTTP_TIMEOUT:g} seconds")
    if isinstance(exc, TimeoutError):     # asyncio's, from HTTP_TOTAL_TIMEOUT
        return OAuthProblem(Err.OAUTH_NETWORK,
                            f"the token endpoint ({host}) did not finish answering within "
                            f"{HTTP_TOTAL_TIMEOUT:g} seconds (its answer came too slowly)")
    if isinstance(exc, AnswerTooLarge):
        return OAuthProblem(code, f"the token endpoint ({host}) answered {doing} with more "
                                  f"than {MAX_ANSWER_BYTES // 1024} KB, which is no token "
                                  f"answer: it was not read")
    if isinstance(exc, httpx2.TransportError):
        cause = exc.__cause__ or exc.__context__
        while cause is not None and not isinstance(cause, (ssl.SSLError, OSError)):
            cause = cause.__cause__ or cause.__context__
        if isinstance(cause, ssl.SSLCertVerificationError):
            return OAuthProblem(Err.OAUTH_NETWORK,
                                f"the certificate of {host} was not accepted: "
                                f"{cause.verify_message or cause.reason}")
        if isinstance(cause, ssl.SSLError):
            return OAuthProblem(Err.OAUTH_NETWORK,
                                f"the TLS handshake with {host} failed: {cause.reason}")
        detail = str(exc) or type(exc).__name__
        return OAuthProblem(Err.OAUTH_NETWORK,
                            f"cannot reach the token endpoint ({host}): {detail}")
    if isinstance(exc, ValueError):
        return OAuthProblem(code, f"the token endpoint ({host}) did not answer with a JSON "
                                  f"token: {redact(str(exc), *hidden)}")
    # Any other httpx2 error (a redirect loop, an undecodable body...).
    return OAuthProblem(Err.OAUTH_NETWORK, f"the token endpoint ({host}) could not be used: "
                                           f"{redact(str(exc) or type(exc).__name__, *hidden)}")


async def refresh(client_id: str, client_secret: str, token_url: str,
                  refresh_token: str) -> TokenData:
    """Exchange a refresh token for a new access token (raises OAuthProblem)."""
    import httpx2
    from authlib.integrations.base_client import OAuthError

    # No scope in the request: RFC 6749 §6 then grants the original scope, and some
    # servers answer invalid_scope when the scope is sent again.
    client, raw = _client(client_id, client_secret)
    hidden = (client_secret, refresh_token)
    issued_at = clock.now()
    try:
        async with client:
            token = await _bounded(client.refresh_token(token_url,
                                                        refresh_token=refresh_token))
    except (OAuthError, httpx2.HTTPError, ValueError, AnswerTooLarge,
            TimeoutError) as e:
        raise _endpoint_failure(e, token_url, "the refresh token", Err.OAUTH_REFRESH,
                                hidden) from None
    return TokenData.from_response(dict(token), raw.get("body", b""), issued_at,
                                   previous_refresh=refresh_token)


@dataclass
class Outcome:
    code: str = ""
    problem: OAuthProblem | None = None
    callback: dict[str, str] = field(default_factory=dict)


class AuthorizationFlow:
    """One run of the authorization-code flow for checked parameters."""

    def __init__(self, checked: Checked, timeout: float, err, stdin=None) -> None:
        self.p = checked
        self.timeout = timeout
        self.err = err
        self.stdin = stdin
        self.state = secrets.token_urlsafe(32)
        # 64 characters of [A-Za-z0-9_-]: within RFC 7636's 43..128 unreserved characters.
        self.verifier = secrets.token_urlsafe(48)
        self.redirect_uri = ""
        self.ignored = 0    # answers that came without this sign-in's state

    def judge(self, params: dict[str, str]) -> Verdict:
        got_state = params.get("state", "")
        if "error" not in params and "code" not in params:
            return Verdict(False, 400, "Waiting for sign-in",
                           "This address receives the answer of the sign-in page; "
                           "nothing was received yet.")
        if not got_state or not hmac.compare_digest(got_state.encode("utf-8", "replace"),
                                                    self.state.encode("ascii")):
            # Any local program or web page can send a request here (an <img> pointing
            # at the address is enough): without the state of this sign-in, an answer
            # does not end it. The person's real answer is still to come.
            self.ignored += 1
            if self.ignored == 1:
                self.err("wlmail: an answer without the expected state reached the "
                         "redirection address and was ignored (it may be forged, or come "
                         "from an older sign-in); still waiting for the sign-in")
            return Verdict(False, 400, "Answer ignored",
                           "This answer does not carry the state of the sign-in wlmail is "
                           "waiting for, so it was ignored. You may close this window.")
        if "error" in params:
            err = params.get("error", "")
            desc = params.get("error_description", "")
            shown = err + (f": {desc}" if desc else "")
            if err == "access_denied":
                problem = OAuthProblem(Err.OAUTH_DENIED,
                                       f"access was refused at the authorization server "
                                       f"({shown})")
                text = "Access was refused. You may close this window."
            elif err in _PARAMETER_ERRORS:
                problem = OAuthProblem(Err.OAUTH_PARAMETERS,
                                       f"the authorization server rejected the request "
                                       f"({shown}): check ClientID, Scope, RedirectionURL "
                                       "and AdditionalParameters")
                text = f"The authorization server rejected the request ({err})."
            else:
                problem = OAuthProblem(Err.OAUTH_DENIED,
                                       f"the authorization server answered with an error "
                                       f"({shown})")
                text = f"The authorization server answered with an error ({err})."
            return Verdict(True, 200, "Sign-in not completed",
                           text + " Return to the program.", Outcome(problem=problem))
        if not params["code"].strip():
            return Verdict(True, 400, "Sign-in not completed",
                           "The answer carried no authorization code. Return to the "
                           "program.",
                           Outcome(problem=OAuthProblem(
                               Err.OAUTH_DENIED,
                               "the answer received on the redirection address carried the "
                               "right state but an empty code: there is nothing to exchange "
                               "for a token (sign in again)")))
        return Verdict(True, 200, "Signed in",
                       "wlmail received the authorization. You may close this window "
                       "and return to the program.", Outcome(code=params["code"]))

    async def run(self) -> TokenData:
        p = self.p
        listener = CallbackListener(p.redirect.hosts, p.redirect.port, p.redirect.path,
                                    self.judge)
        paste: PasteReader | None = None
        try:
            # Inside the try: a Ctrl-C while it binds still closes what it bound.
            port = await listener.start()
            self.redirect_uri = p.redirect.with_port(port)
            client, raw = _client(p.client_id, p.client_secret, self.redirect_uri)
            async with client:
                extra = dict(p.extra)
                if p.scope:
                    extra["scope"] = p.scope
                url, _ = client.create_authorization_url(
                    p.auth_url, state=self.state, code_verifier=self.verifier, **extra)
                controller = browser.choose()
                self._announce(url, controller is not None)
                if self._stdin_is_terminal():
                    # Pasting is always accepted; it is offered only when no browser
                    # starts here (a server reached over SSH), where it is the way in.
                    paste = PasteReader(self.stdin, listener, self.err)
                    if paste.start() and controller is None:
                        self.err("wlmail: if the browser runs on another computer, paste "
                                 "here the address it shows after you approve "
                                 f"(it starts with {self.redirect_uri}), then press Enter.")
                if controller is not None:
                    browser.open_in_background(controller, url)
                try:
                    verdict = await asyncio.wait_for(asyncio.shield(listener.result),
                                                     self.timeout)
                except TimeoutError:
                    unit = "second" if self.timeout == 1 else "seconds"
                    if self.ignored:
                        many = "answers" if self.ignored > 1 else "answer"
                        raise OAuthProblem(
                            Err.OAUTH_STATE,
                            f"nobody completed the sign-in within {self.timeout:g} {unit}; "
                            f"{self.ignored} {many} received on the redirection address "
                            "did not carry the state wlmail sent (forged, or from an older "
                            "sign-in) and were not used") from None
                    raise OAuthProblem(Err.OAUTH_TIMEOUT,
                                       f"nobody completed the sign-in within "
                                       f"{self.timeout:g} {unit} (the time allowed is set "
                                       "with --oauth-timeout)") from None
                # The listener is no longer needed once the answer is in.
                await self._stop(listener, paste)
                outcome: Outcome = verdict.outcome
                if outcome.problem is not None:
                    raise outcome.problem
                return await self._exchange(client, raw, outcome.code)
        finally:
            await self._stop(listener, paste)

    @staticmethod
    async def _stop(listener: CallbackListener, paste: PasteReader | None) -> None:
        if paste is not None:
            paste.stop()
        await listener.close()

    async def _exchange(self, client, raw: dict[str, bytes], code: str) -> TokenData:
        import httpx2
        from authlib.integrations.base_client import OAuthError

        issued_at = clock.now()
        try:
            token = await _bounded(client.fetch_token(
                self.p.token_url, grant_type="authorization_code", code=code,
                code_verifier=self.verifier))
        except (OAuthError, httpx2.HTTPError, ValueError, AnswerTooLarge,
                TimeoutError) as e:
            raise _endpoint_failure(e, self.p.token_url, "the authorization code",
                                    Err.OAUTH_TOKEN_ENDPOINT,
                                    (self.p.client_secret, code, self.verifier)) from None
        return TokenData.from_response(dict(token), raw.get("body", b""), issued_at)

    def _stdin_is_terminal(self) -> bool:
        try:
            return self.stdin is not None and self.stdin.isatty()
        except (AttributeError, ValueError, OSError):
            return False

    def _announce(self, url: str, opening: bool) -> None:
        if opening:
            self.err("wlmail: sign in and approve access in the browser window that opens. "
                     "If none opens, open this address in a browser:")
        else:
            self.err("wlmail: no browser can be started here (no $BROWSER and no graphical "
                     "display). Open this address in a browser to sign in and approve access:")
        self.err("  " + url)

