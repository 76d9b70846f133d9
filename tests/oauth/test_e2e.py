"""End to end through `wlmail run`: the seed's example unchanged in capture mode, and a
script of the same shape pointed at the test authorization server and an aiosmtpd server
speaking XOAUTH2 over STARTTLS (real token -> XOAUTH2 -> message delivered)."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .authserver import CLIENT_ID, CLIENT_SECRET
from .helpers import free_port

REPO = Path(__file__).resolve().parents[2]
SEED = REPO.parent / "shared" / "seeds" / "000_9cc31bf0310e6cfb.txt"
MAILBOX = "ann@example.test"

# The seed's example with its values pointed at the test servers and the elided lines
# filled in, so that the message really goes out.
SAME_SHAPE = '''\
// Connection with authentication
// SMTP session with TLS
MySMTPSession is emailSMTPSession
OAuthGoogleCnt is OAuth2Parameters

// OAuth connection parameters
OAuthGoogleCnt.ClientID = "{client_id}"
OAuthGoogleCnt.ClientSecret = "{client_secret}"
OAuthGoogleCnt.AuthURL = "{auth_url}"
OAuthGoogleCnt.TokenURL = "{token_url}"
OAuthGoogleCnt.Scope = "https://mail.google.com/"
OAuthGoogleCnt.RedirectionURL = "{redirect}"
OAuthGoogleCnt.ResponseType = oauth2ResponseTypeCode

// OAuth authentication
MySMTPSession.ServerAddress = "{smtp_host}"
MySMTPSession.Name = "{mailbox}"
MySMTPSession.Password = "secret"
MySMTPSession.Port = {smtp_port}
MySMTPSession.Option = emailOptionSecuredTLS
MySMTPSession.AuthToken = AuthIdentify(OAuthGoogleCnt)

// If the authentication was successful, log in to email inbox
IF MySMTPSession.AuthToken <> Null THEN
	IF EmailStartSession(MySMTPSession) = False THEN
		// Error while starting the session
		Error("Unable to start the SMTP session.", ErrorInfo(), ...
			"In case of timeout, check the parameters of the " + ...
			"""Firewall"" on the port used (" + ...
			MySMTPSession.Port + ")")
		RETURN
	END
	// Send a message
	MyEmail is Email
	MyEmail.Sender = "{mailbox}"
	MyEmail.Recipient.Add("bob@example.test")
	MyEmail.Subject = "Seed-shaped OAuth run"
	MyEmail.Message = "Delivered with XOAUTH2."
	IF EmailSendMessage(MySMTPSession, MyEmail) THEN Info("sent")
	EmailCloseSession(MySMTPSession)
ELSE
	// Authentication error
	Error("no token: " + ErrorInfo())
END
'''


def wlmail(*args, env, cwd) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wlmail", *args], env=env, cwd=cwd,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def env(smtp_tls_env, browser):
    import os
    e = dict(smtp_tls_env)
    e.update({k: os.environ[k] for k in ("BROWSER", "WLMAIL_TEST_BROWSER_LOG",
                                         "XDG_STATE_HOME", "XDG_CACHE_HOME")})
    e.pop("DISPLAY", None)
    e.pop("WAYLAND_DISPLAY", None)
    e["PYTHONPATH"] = str(REPO)
    return e


def _same_shape(tmp_path: Path, server, smtp, **over) -> Path:
    values = dict(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, auth_url=server.auth_url,
                  token_url=server.token_url, redirect=f"http://localhost:{free_port()}",
                  smtp_host=smtp.host, smtp_port=smtp.port, mailbox=MAILBOX)
    values.update(over)
    script = tmp_path / "seed_shape.wl"
    script.write_text(SAME_SHAPE.format(**values), encoding="utf-8")
    return script


def _xoauth2_server(smtp_server, auth):
    return smtp_server(tls="starttls", auth_mechanisms=("XOAUTH2",),
                       xoauth2_validator=lambda user, token: user == MAILBOX
                       and auth.check_access_token(token))


def _no_secret(server, *outputs: str) -> None:
    text = "\n".join(outputs)
    for secret in server.secrets_seen:
        assert secret not in text


def test_seed_example_unchanged_in_capture_mode(tmp_path, env, browser):
    if not SEED.exists():
        pytest.skip(f"the shared seed folder is absent ({SEED.parent})")
    code = re.search(r"```wl\n(.*?)```", SEED.read_text(encoding="utf-8"), re.S).group(1)
    script = tmp_path / "seed.wl"
    script.write_text(code, encoding="utf-8")
    done = wlmail("run", "--capture", str(tmp_path / "captured"), str(script),
                  env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "synthetic token" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert browser.calls() == []                 # no browser, no authorization server
    assert not (tmp_path / "state" / "wlmail").exists()   # nothing stored


def test_seed_shaped_script_end_to_end(tmp_path, env, server, smtp_server, browser):
    smtp = _xoauth2_server(smtp_server, server)
    script = _same_shape(tmp_path, server, smtp)
    first = wlmail("run", str(script), "--oauth-timeout", "30", env=env, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "sent", first.stdout + first.stderr
    (msg,) = smtp.messages
    assert (msg.tls, msg.auth_mechanism, msg.auth_user) == ("starttls", "XOAUTH2", MAILBOX)
    assert msg.rcpt_tos == ["bob@example.test"]
    assert browser.calls(1) == ["follow 200"]
    assert server.token_requests == ["authorization_code"]
    assert "/authorize?" in first.stderr           # the address, for a person

    # The nightly run: the stored token is used, no browser opens.
    second = wlmail("run", str(script), env=env, cwd=tmp_path)
    assert second.returncode == 0 and second.stdout.strip() == "sent", second.stderr
    assert len(smtp.messages) == 2
    assert browser.calls() == ["follow 200"]
    assert second.stderr == ""

    listed = wlmail("auth", "list", env=env, cwd=tmp_path)
    assert listed.returncode == 0 and CLIENT_ID in listed.stdout
    cleared = wlmail("auth", "clear", env=env, cwd=tmp_path)
    assert cleared.returncode == 0 and "Forgot 1 stored OAuth token" in cleared.stdout
    _no_secret(server, first.stdout, first.stderr, second.stdout, second.stderr,
               listed.stdout, listed.stderr, cleared.stdout)


def test_seed_shaped_script_with_a_microsoft_sized_token(tmp_path, env, auth_server,
                                                         smtp_server, browser):
    server = auth_server(token_length=2000)
    smtp = _xoauth2_server(smtp_server, server)
    script = _same_shape(tmp_path, server, smtp)
    done = wlmail("run", str(script), "--no-token-cache", env=env, cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "sent", done.stderr
    (attempt,) = smtp.connections[-1].auth_attempts
    assert attempt.form == "two-step" and attempt.success
    assert not (tmp_path / "state" / "wlmail").exists()
    _no_secret(server, done.stdout, done.stderr)


def test_sign_in_timeout_with_strict(tmp_path, env, server, smtp_server, browser):
    smtp = _xoauth2_server(smtp_server, server)
    script = _same_shape(tmp_path, server, smtp)
    env["WLMAIL_TEST_BROWSER_MODE"] = "nothing"
    done = wlmail("run", "--strict", "--oauth-timeout", "1", str(script), env=env, cwd=tmp_path)
    assert done.returncode == 3, done.stderr
    assert "no token: nobody completed the sign-in within 1 second" in done.stderr
    assert smtp.connections == [] or all(not c.auth_attempts for c in smtp.connections)
    assert "Traceback" not in done.stderr


def test_non_loopback_redirect_refused_through_run(tmp_path, env, server, smtp_server, browser):
    smtp = _xoauth2_server(smtp_server, server)
    script = _same_shape(tmp_path, server, smtp, redirect="http://example.com:9000")
    done = wlmail("run", str(script), env=env, cwd=tmp_path)
    assert done.returncode == 0
    assert "no token: " in done.stderr and "not on this computer" in done.stderr
    assert browser.calls() == [] and server.authorize_requests == []


@pytest.mark.parametrize("sample,section", [("oauth_gmail.wl", "Google"),
                                            ("oauth_microsoft365.wl", "Microsoft")])
def test_samples_run_in_capture_mode(tmp_path, env, browser, sample, section):
    shutil.copy(REPO / "samples" / sample, tmp_path / sample)
    (tmp_path / "oauth.ini").write_text(
        f"[{section}]\nClientID=client-id-for-tests\nClientSecret=\n"
        f"Mailbox=ann@example.test\nTenant=organizations\n", encoding="utf-8")
    done = wlmail("run", "--capture", str(tmp_path / "captured"), sample, "--",
                  "bob@example.test", env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "bob@example.test" in done.stdout and "synthetic token" in done.stdout + done.stderr
    assert browser.calls() == []
    assert len(list((tmp_path / "captured" / "new").iterdir())) == 1
