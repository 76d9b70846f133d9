"""A real OAuth 2.0 authorization server for the tests, on loopback.

authlib's server-side grants (authorization code + refresh token) in a small Flask app
served by werkzeug in a thread.  It enforces what Google and Microsoft enforce for a
desktop application: PKCE with S256 on every authorization request, the exact
redirect_uri at the token endpoint, one use per code, client authentication, short-lived
access tokens and rotating refresh tokens.  `check_access_token` is what the test SMTP
server's XOAUTH2 validator asks: only tokens this server issued and that have not
expired are accepted.

The authorization endpoint approves at once for the test user, unless the request
carries `decision=deny` (what the fake browser sends to play a person clicking "Deny").

`/introspect` is RFC 7662 token introspection for a resource server (the private
Dovecot's `oauth2` passdb, tests/dovecot_server.py): POST `token=...` with the resource
server's credentials (HTTP Basic, RESOURCE_ID / RESOURCE_SECRET) answers
`{"active": true, "username": ...}` for a token this server issued that has neither
expired nor been revoked, `{"active": false}` otherwise.
"""
from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from authlib.common.security import generate_token
from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import InvalidRequestError, OAuth2Error
from authlib.oauth2.rfc6749.grants import AuthorizationCodeGrant, RefreshTokenGrant
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, Response, request
from werkzeug.serving import WSGIRequestHandler, make_server

from wlmail.oauth import clock
from wlmail.oauth.validate import is_loopback_host

CLIENT_ID = "wlmail-test-client.apps.example"
CLIENT_SECRET = "test-client-secret-Xq7vR2pL9zT4"
PUBLIC_CLIENT_ID = "wlmail-test-public-client"
SCOPE = "https://mail.example.test/ mail.send offline_access"
# The resource server (the test IMAP/POP3 server) that may introspect tokens.
RESOURCE_ID = "wlmail-test-mail-server"
RESOURCE_SECRET = "test-resource-secret-Hk3wP8sN"


@dataclass
class Client:
    client_id: str
    client_secret: str  # "" for a public client

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return None

    def get_allowed_scope(self, scope):
        return scope

    def check_redirect_uri(self, redirect_uri):
        # RFC 8252 §7.3: any port on a loopback address, plain http.
        parts = urlsplit(redirect_uri)
        return parts.scheme == "http" and is_loopback_host(parts.hostname or "")

    def check_client_secret(self, client_secret):
        return bool(self.client_secret) and secrets.compare_digest(client_secret,
                                                                   self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        if not self.client_secret:
            return method == "none"
        return method in ("client_secret_post", "client_secret_basic")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type in ("authorization_code", "refresh_token")


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: str
    code_challenge: str
    code_challenge_method: str
    issued_at: float = field(default_factory=clock.now)

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return None

    def get_auth_time(self):
        return int(self.issued_at)


@dataclass
class Token:
    access_token: str
    refresh_token: str
    client_id: str
    scope: str
    user: str
    expires_in: int
    issued_at: float = field(default_factory=clock.now)
    revoked: bool = False

    def check_client(self, client):
        return client.client_id == self.client_id

    def get_scope(self):
        return self.scope

    def get_expires_in(self):
        return self.expires_in

    def is_expired(self):
        return clock.now() >= self.issued_at + self.expires_in

    def is_revoked(self):
        return self.revoked

    def get_user(self):
        return self.user

    def get_client(self):
        return None


class StrictPKCE(CodeChallenge):
    """PKCE is mandatory for every client (authlib alone only requires it of public ones)."""

    def validate_code_challenge(self, grant, redirect_uri):
        data = grant.request.payload.data
        if not data.get("code_challenge"):
            raise InvalidRequestError("PKCE is required: missing 'code_challenge'")
        if data.get("code_challenge_method") != "S256":
            raise InvalidRequestError("PKCE code_challenge_method must be S256")
        return super().validate_code_challenge(grant, redirect_uri)


class TestAuthServer:
    """Start with `start()`, stop with `stop()`; `base_url` is e.g. http://127.0.0.1:PORT."""

    def __init__(self, expires_in: int = 3600, ssl_context=None, host: str = "127.0.0.1",
                 rotate_refresh: bool = True, token_length: int = 42,
                 user: str = "ann@example.test") -> None:
        self.expires_in = expires_in
        # Whom the authorization endpoint signs in (and introspection names).
        self.user = user
        # Microsoft's access tokens are ~2 KB: too long for an inline AUTH XOAUTH2 line.
        self.token_length = token_length
        self.ssl_context = ssl_context
        self.host = host
        self.clients = {CLIENT_ID: Client(CLIENT_ID, CLIENT_SECRET),
                        PUBLIC_CLIENT_ID: Client(PUBLIC_CLIENT_ID, "")}
        self.codes: dict[str, Code] = {}
        self.tokens: dict[str, Token] = {}       # by access token
        self.refresh: dict[str, Token] = {}      # by refresh token
        self.lock = threading.Lock()
        self.authorize_requests: list[str] = []  # query strings, in order
        self.introspections: list[bool] = []     # each introspection's "active", in order
        self.token_requests: list[str] = []      # grant types, in order
        self.fail_token_endpoint = 0             # >0: answer HTTP 500 that many times
        self.html_token_endpoint = 0             # >0: answer 200 with an HTML page
        # When set, the token endpoint's JSON answer (a dict) goes through this function;
        # it returns the body to send instead (bytes: sent as they are), for the odd
        # answers real servers give.
        self.edit_token_answer = None
        # Every secret value that crossed this server (codes, PKCE verifiers, tokens),
        # for the tests that check none of them ever reaches wlmail's output.
        self.secrets_seen: set[str] = {CLIENT_SECRET}
        self.rotate_refresh = rotate_refresh
        self.app = self._make_app()
        self._server = None
        self._thread = None

    # -- what the SMTP test server asks -------------------------------------
    def check_access_token(self, value: str) -> bool:
        with self.lock:
            tok = self.tokens.get(value)
            return tok is not None and not tok.revoked and not tok.is_expired()

    def revoke_all(self) -> None:
        """What a person removing the application's access does: every access and
        refresh token stops working."""
        with self.lock:
            for tok in self.tokens.values():
                tok.revoked = True

    def issued(self) -> list[Token]:
        with self.lock:
            return list(self.tokens.values())

    # -- the app ------------------------------------------------------------
    def _make_app(self) -> Flask:
        app = Flask("wlmail-test-authserver")
        app.config.update(
            OAUTH2_ACCESS_TOKEN_GENERATOR=lambda client, grant_type, user, scope:
                generate_token(self.token_length),
            OAUTH2_REFRESH_TOKEN_GENERATOR=True,
            OAUTH2_TOKEN_EXPIRES_IN={"authorization_code": self.expires_in,
                                     "refresh_token": self.expires_in},
        )
        outer = self

        def query_client(client_id):
            return outer.clients.get(client_id)

        def save_token(token, req):
            tok = Token(token["access_token"], token.get("refresh_token", ""),
                        req.client.client_id, token.get("scope", ""),
                        req.user, int(token.get("expires_in", outer.expires_in)))
            with outer.lock:
                outer.secrets_seen.update(v for v in (tok.access_token, tok.refresh_token) if v)
                outer.tokens[tok.access_token] = tok
                if tok.refresh_token:
                    outer.refresh[tok.refresh_token] = tok

        server = AuthorizationServer(app, query_client=query_client, save_token=save_token)

        class CodeGrant(AuthorizationCodeGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]

            def save_authorization_code(self, code, req):
                data = req.payload.data
                with outer.lock:
                    outer.secrets_seen.add(code)
                    outer.codes[code] = Code(code, req.client.client_id,
                                             req.payload.redirect_uri or "",
                                             req.payload.scope or "", req.user,
                                             data.get("code_challenge", ""),
                                             data.get("code_challenge_method", ""))

            def query_authorization_code(self, code, client):
                with outer.lock:
                    item = outer.codes.get(code)
                if item and item.client_id == client.client_id and \
                        clock.now() - item.issued_at < 600:
                    return item
                return None

            def delete_authorization_code(self, authorization_code):
                with outer.lock:
                    outer.codes.pop(authorization_code.code, None)

            def authenticate_user(self, authorization_code):
                return authorization_code.user

        class RefreshGrant(RefreshTokenGrant):
            TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none"]
            INCLUDE_NEW_REFRESH_TOKEN = outer.rotate_refresh

            def authenticate_refresh_token(self, refresh_token):
                with outer.lock:
                    tok = outer.refresh.get(refresh_token)
                if tok is not None and not tok.revoked:
                    return tok
                return None

            def authenticate_user(self, refresh_token):
                return refresh_token.user

            def revoke_old_credential(self, refresh_token):
                if outer.rotate_refresh:
                    with outer.lock:
                        outer.refresh.pop(refresh_token.refresh_token, None)

        server.register_grant(CodeGrant, [StrictPKCE(required=True)])
        server.register_grant(RefreshGrant)

        @app.get("/authorize")
        def authorize():
            with outer.lock:
                outer.authorize_requests.append(request.query_string.decode())
            user = None if request.args.get("decision") == "deny" else outer.user
            req = server.create_oauth2_request(None)
            try:
                grant = server.get_authorization_grant(req)
            except OAuth2Error as error:
                error.state = req.payload.state
                return server.handle_error_response(req, error)
            return server.create_authorization_response(request=req, grant_user=user,
                                                        grant=grant)

        @app.post("/token")
        def token():
            with outer.lock:
                outer.token_requests.append(request.form.get("grant_type", ""))
                outer.secrets_seen.update(v for k, v in request.form.items()
                                          if k in ("code", "code_verifier", "client_secret",
                                                   "refresh_token") and v)
                failing = outer.fail_token_endpoint > 0
                if failing:
                    outer.fail_token_endpoint -= 1
                html = not failing and outer.html_token_endpoint > 0
                if html:
                    outer.html_token_endpoint -= 1
            if failing:
                return Response("internal error", status=500, mimetype="text/plain")
            if html:   # what a captive portal or a misconfigured proxy answers
                return Response("<html><body>Sign in to the network</body></html>",
                                status=200, mimetype="text/html")
            response = server.create_token_response()
            edit = outer.edit_token_answer
            if edit is None:
                return response
            body = edit(json.loads(response.get_data()))
            if not isinstance(body, bytes):
                body = json.dumps(body).encode()
            return Response(body, status=response.status_code, mimetype="application/json")

        @app.post("/introspect")
        def introspect():
            auth = request.authorization
            if auth is None or auth.username != RESOURCE_ID or \
                    not secrets.compare_digest(auth.password or "", RESOURCE_SECRET):
                return Response(json.dumps({"error": "invalid_client"}), status=401,
                                mimetype="application/json",
                                headers={"WWW-Authenticate": 'Basic realm="introspect"'})
            value = request.form.get("token", "")
            with outer.lock:
                tok = outer.tokens.get(value)
                active = tok is not None and not tok.revoked and not tok.is_expired()
                outer.introspections.append(active)
            if not active or tok is None:
                return Response(json.dumps({"active": False}), mimetype="application/json")
            body = {"active": True, "username": tok.user, "client_id": tok.client_id,
                    "scope": tok.scope, "token_type": "Bearer",
                    "exp": int(tok.issued_at + tok.expires_in), "iat": int(tok.issued_at)}
            return Response(json.dumps(body), mimetype="application/json")

        return app

    # -- serving ------------------------------------------------------------
    @property
    def port(self) -> int:
        return self._server.server_port

    @property
    def base_url(self) -> str:
        scheme = "https" if self.ssl_context else "http"
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{scheme}://{host}:{self.port}"

    @property
    def auth_url(self) -> str:
        return self.base_url + "/authorize"

    @property
    def token_url(self) -> str:
        return self.base_url + "/token"

    @property
    def introspection_url(self) -> str:
        """With the resource server's credentials in it, as Dovecot's
        `introspection_url` takes them."""
        scheme, _, rest = self.base_url.partition("://")
        return f"{scheme}://{RESOURCE_ID}:{RESOURCE_SECRET}@{rest}/introspect"

    def start(self) -> TestAuthServer:
        self._server = make_server(self.host, 0, self.app, threaded=True,
                                   ssl_context=self.ssl_context,
                                   request_handler=_QuietHandler)
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        name="test-authserver", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, *args, **kwargs):  # keep test output free of request lines
        return None

    def log_error(self, *args, **kwargs):
        return None
