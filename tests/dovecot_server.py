"""A private Dovecot on loopback for the tests (Debian's `dovecot-imapd` and
`dovecot-pop3d`, checked with 2.3.19).

`DovecotServer(ca).start()` makes its own folder under the system's temporary folder (the
mail processes run as `nobody` and must reach it: pytest's tmp_path is private to root),
writes a dovecot.conf there and runs `dovecot -c FILE` (its own base_dir, state_dir,
log and instance_name: the system configuration in /etc/dovecot is never read).  One
passwd-file user, USER / PASSWORD, whose Maildir the test fills with `deliver()`.
Listeners, all on 127.0.0.1 (the plain ones offer STARTTLS / STLS):
  imap_port, imaps_port (implicit TLS), pop3_port, pop3s_port (implicit TLS)
with a certificate for 127.0.0.1 from the trustme CA given.  With `introspection_url`
(an RFC 7662 endpoint with the resource server's credentials in it, as the tests' OAuth
server gives) it also offers XOAUTH2 and OAUTHBEARER through Dovecot's `oauth2` passdb,
which asks that endpoint about every token (`force_introspection`).  Starting it needs root and
Dovecot's packages: `DovecotMissing` says what to install or why it cannot run, and the
tests that need it fail with that message.

`DovecotServer(ca, sasl_for_postfix=True)` is also Postfix's SASL server (Postfix 3.7 +
Dovecot SASL, the set-up of issue 11): an auth-client socket `sasl_socket` that the
postfix user may use (give it to `PostfixServer(sasl_path=...)`), AUTH PLAIN, LOGIN and
CRAM-MD5 offered, and a second user HASHED_USER / HASHED_PASSWORD whose password is kept
only as a SHA512-CRYPT hash: Dovecot advertises CRAM-MD5 and cannot check it for that
user ("Requested CRAM-MD5 scheme, but we have only SHA512-CRYPT").
"""
from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

from postfix_server import free_ports

DOVECOT = "/usr/sbin/dovecot"
DOVEADM = "/usr/bin/doveadm"
USER = "reader"
PASSWORD = "s3cret-reader"
HASHED_USER = "hashed@example.com"
HASHED_PASSWORD = "s3cret-hashed"
INSTALL_HINT = ("install Debian's Dovecot (as root: tools/bootstrap.py does it; by hand: "
                "DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd dovecot-pop3d)")


class DovecotMissing(RuntimeError):
    """Dovecot cannot run here: the message says what to install or to change."""


def _problem() -> str | None:
    if not os.path.exists(DOVECOT):
        return f"{DOVECOT} not found: {INSTALL_HINT}"
    for plugin in ("imap", "pop3"):
        if not os.path.exists(f"/usr/lib/dovecot/{plugin}"):
            return f"Dovecot's {plugin} server is not installed: {INSTALL_HINT}"
    if os.geteuid() != 0:
        return "a private Dovecot must be started as root (dovecot -c FILE)"
    try:
        pwd.getpwnam("dovecot")
        pwd.getpwnam("dovenull")
    except KeyError:
        return f"the dovecot / dovenull users are missing: {INSTALL_HINT}"
    return None


def _sha512_crypt(password: str) -> str:
    """`{SHA512-CRYPT}$6$...`, made by openssl as servers.md says."""
    out = subprocess.run(["openssl", "passwd", "-6", "-stdin"], input=password,
                         capture_output=True, text=True, timeout=30, check=True)
    return "{SHA512-CRYPT}" + out.stdout.strip()


class DovecotServer:
    host = "127.0.0.1"

    def __init__(self, ca: Any, sasl_for_postfix: bool = False,
                 introspection_url: str | None = None) -> None:
        self.ca = ca
        self.sasl_for_postfix = sasl_for_postfix
        self.introspection_url = introspection_url
        self.folder = Path(tempfile.mkdtemp(prefix="wlmail-dovecot-"))
        self.conf = self.folder / "dovecot.conf"
        self.logfile = self.folder / "log" / "dovecot.log"
        self.home = self.folder / "home" / USER
        self.maildir = self.home / "Maildir"
        # Chosen together, so that no two listeners get the same port.
        self.imap_port, self.imaps_port, self.pop3_port, self.pop3s_port = free_ports(4)
        self.mail_user = pwd.getpwnam("nobody")
        self.sasl_socket = self.folder / "sasl" / "auth"

    # -- configuration ---------------------------------------------------------------------
    def _write_config(self) -> None:
        f = self.folder
        for sub in ("run", "state", "log", "home"):
            (f / sub).mkdir(parents=True, exist_ok=True)
        # The mail processes (as nobody) walk down to the home folder.
        os.chmod(f, 0o755)
        os.chmod(f / "home", 0o755)
        for sub in ("cur", "new", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        for path in (self.home, self.maildir, *(self.maildir / s for s in ("cur", "new", "tmp"))):
            os.chown(path, self.mail_user.pw_uid, self.mail_user.pw_gid)
        cert = self.ca.issue_cert("127.0.0.1", "localhost")
        cert.cert_chain_pems[0].write_to_path(str(f / "cert.pem"))
        cert.private_key_pem.write_to_path(str(f / "key.pem"))
        os.chmod(f / "key.pem", 0o600)
        users = f / "users"
        lines = f"{USER}:{{PLAIN}}{PASSWORD}::::::\n"
        mechanisms = "plain login"
        sasl = ""
        if self.sasl_for_postfix:
            lines += f"{HASHED_USER}:{_sha512_crypt(HASHED_PASSWORD)}::::::\n"
            mechanisms = "plain login cram-md5"
            (f / "sasl").mkdir(exist_ok=True)
            os.chmod(f / "sasl", 0o755)
            sasl = f"""\
service auth {{
  unix_listener {self.sasl_socket} {{
    mode = 0660
    user = postfix
    group = postfix
  }}
}}
"""
        users.write_text(lines)
        os.chmod(users, 0o640)
        os.chown(users, 0, pwd.getpwnam("dovecot").pw_gid)
        oauth = ""
        if self.introspection_url:
            mechanisms += " xoauth2 oauthbearer"
            oauth_conf = f / "oauth2.conf"
            # Opaque tokens, always introspected: Dovecot 2.3 reads a JWT-looking token
            # itself and then finds no user name in it.
            oauth_conf.write_text(f"""\
introspection_mode = post
introspection_url = {self.introspection_url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 10000
""")
            os.chmod(oauth_conf, 0o640)
            os.chown(oauth_conf, 0, pwd.getpwnam("dovecot").pw_gid)
            oauth = f"""
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {oauth_conf}
}}"""
        self.conf.write_text(f"""\
instance_name = wlmail-test-{uuid.uuid4().hex[:8]}
base_dir = {f}/run
state_dir = {f}/state
log_path = {self.logfile}
info_log_path = {self.logfile}
protocols = imap pop3
listen = 127.0.0.1
ssl = yes
ssl_cert = <{f}/cert.pem
ssl_key = <{f}/key.pem
disable_plaintext_auth = no
auth_mechanisms = {mechanisms}
mail_location = maildir:~/Maildir
pop3_uidl_format = %08Xu%08Xv
mail_max_userip_connections = 100
# A refused login is answered at once and does not slow the next ones down (Dovecot
# waits 2 s and then penalises the address): the tests try wrong passwords on purpose.
auth_failure_delay = 0
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{sasl}namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = {users}
}}{oauth}
userdb {{
  driver = passwd-file
  args = {users}
  default_fields = uid={self.mail_user.pw_uid} gid={self.mail_user.pw_gid} home={f}/home/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    address = 127.0.0.1
    port = {self.pop3_port}
  }}
  inet_listener pop3s {{
    address = 127.0.0.1
    port = {self.pop3s_port}
    ssl = yes
  }}
}}
""")

    # -- running ---------------------------------------------------------------------------
    def start(self) -> DovecotServer:
        problem = _problem()
        if problem:
            raise DovecotMissing(problem)
        self._write_config()
        # The master forks into the background and keeps its standard streams: a pipe
        # would never see its end, so they go to a file.
        out = self.folder / "log" / "start.txt"
        with out.open("w") as sink:
            result = subprocess.run([DOVECOT, "-c", str(self.conf)], stdin=subprocess.DEVNULL,
                                    stdout=sink, stderr=sink, timeout=60)
        if result.returncode != 0:
            why = out.read_text(errors="replace").strip() or self.log()[-1500:]
            self.stop()
            raise DovecotMissing(f"dovecot -c {self.conf} failed: {why}")
        deadline = time.monotonic() + 15
        while True:
            # Not listening yet: try again.
            with contextlib.suppress(OSError), \
                    socket.create_connection((self.host, self.imap_port), timeout=1) as s:
                if s.recv(200).startswith(b"* OK"):
                    s.sendall(b"a LOGOUT\r\n")
                    break
            if time.monotonic() > deadline:
                self.stop()
                raise DovecotMissing(f"the private Dovecot did not answer on port "
                                     f"{self.imap_port}: {self.log()[-2000:]}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        subprocess.run([DOVEADM, "-c", str(self.conf), "stop"], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- the mailbox -----------------------------------------------------------------------
    def deliver(self, raw: bytes, seen: bool = False) -> Path:
        """Put a message in the user's INBOX (new/, or cur/ with :2,S when seen)."""
        name = f"{time.time_ns()}.{uuid.uuid4().hex}.wlmail-test"
        sub, suffix = ("cur", ":2,S") if seen else ("new", "")
        tmp = self.maildir / "tmp" / name
        tmp.write_bytes(raw)
        os.chown(tmp, self.mail_user.pw_uid, self.mail_user.pw_gid)
        final = self.maildir / sub / (name + suffix)
        tmp.rename(final)
        return final

    def clear(self) -> None:
        """Empty the INBOX (and Dovecot's index of it, rebuilt at the next login)."""
        for sub in ("cur", "new", "tmp"):
            for p in (self.maildir / sub).iterdir():
                p.unlink()
        for p in self.maildir.glob("dovecot*"):
            if p.is_file():
                p.unlink()

    def count(self) -> int:
        return sum(1 for sub in ("cur", "new") for _ in (self.maildir / sub).iterdir())

    def log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")
        except OSError:
            return ""
