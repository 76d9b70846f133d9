"""A private Postfix instance on loopback for the tests (Debian's `postfix`, checked with 3.7).

`PostfixServer().start()` makes its own folder under the system's temporary folder (the
Postfix daemons run as the postfix user and must reach it: pytest's tmp_path is private
to root), writes a main.cf/master.cf into `folder`, runs
`postfix -c folder/conf start` (its own queue, data and log; the system instance and
/etc/postfix are never used) and delivers every accepted message to one Maildir,
`folder/mail/inbox/`, which `messages()` reads. Listeners, all on 127.0.0.1:
  port        plain SMTP, the normal idle time-out
  idle_port   plain SMTP whose `smtpd_timeout` is `idle_timeout` seconds: an idle session
              gets `421 4.4.2 ... Error: timeout exceeded` and is closed, as Postfix does
  tls_port    STARTTLS offered (with `ca`: a certificate for 127.0.0.1 from that trustme CA)
  implicit_port  implicit TLS from the first byte (`smtpd_tls_wrappermode`, port-465 style)
Settings that make defects visible: `message_size_limit` = SIZE_LIMIT, `REFUSED` is refused
at RCPT (550), no Date/Message-ID is added for the client, bare newlines are refused.
Postfix's own log (`log()`) shows each connection's counters (`quit=1` when the client
said goodbye).
With `sasl_path` (a Dovecot auth-client socket: tests/dovecot_server.py's
`DovecotServer(sasl_for_postfix=True).sasl_socket`) and `ca`, smtpd authenticates through
that Dovecot (`smtpd_sasl_type = dovecot`), AUTH only over TLS, and three more listeners:
  login_port, login_implicit_port  STARTTLS / implicit TLS offering only AUTH LOGIN
  idle_tls_port   STARTTLS with the short idle time-out
  clear_auth_port plain SMTP offering AUTH without TLS (for the clear-text preferences)
Starting it needs root and Debian's postfix: `PostfixMissing` says what to
install or why it cannot run, and the tests that need it fail with that message.
"""
from __future__ import annotations

import contextlib
import email
import email.message
import email.policy
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

POSTFIX = "/usr/sbin/postfix"
SIZE_LIMIT = 200_000
REFUSED = "refused@example.org"
INSTALL_HINT = ("install Debian's postfix (as root: tools/bootstrap.py does it; by hand: "
                "echo 'postfix postfix/main_mailer_type select No configuration' | "
                "debconf-set-selections && DEBIAN_FRONTEND=noninteractive apt-get install -y "
                "postfix)")


class PostfixMissing(RuntimeError):
    """Postfix cannot run here: the message says what to install or to change."""


def free_ports(n: int) -> list[int]:
    """`n` different free ports: the sockets stay bound until all are chosen, so that the
    system cannot give the same port twice (two listeners on one port would make a test
    talk to the wrong one)."""
    socks = []
    try:
        for _ in range(n):
            s = socket.socket()
            socks.append(s)
            s.bind(("127.0.0.1", 0))
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


def _problem() -> str | None:
    if not os.path.exists(POSTFIX):
        return f"{POSTFIX} not found: {INSTALL_HINT}"
    if os.geteuid() != 0:
        return "a private Postfix instance must be started as root (postfix -c DIR start)"
    try:
        pwd.getpwnam("postfix")
    except KeyError:
        return f"there is no postfix user: {INSTALL_HINT}"
    return None


class PostfixServer:
    host = "127.0.0.1"

    def __init__(self, idle_timeout: int = 2, ca: Any = None, sasl_path: Any = None) -> None:
        self.ca = ca
        self.sasl_path = sasl_path
        self.folder = Path(tempfile.mkdtemp(prefix="wlmail-postfix-"))
        folder = self.folder
        self.conf = folder / "conf"
        self.maildir = folder / "mail" / "inbox"
        self.logfile = folder / "log" / "maillog"
        self.idle_timeout = idle_timeout
        (self.port, self.idle_port, self.tls_port, self.implicit_port, self.login_port,
         self.login_implicit_port, self.idle_tls_port, self.clear_auth_port) = free_ports(8)

    # -- configuration ---------------------------------------------------------------------
    def _write_config(self) -> None:
        user = pwd.getpwnam("postfix")
        for sub in ("conf", "queue", "data", "mail", "log"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        for sub in ("queue", "data", "mail"):
            os.chown(self.folder / sub, user.pw_uid, user.pw_gid)
        # Postfix refuses a queue or data directory that others may write to, and its
        # daemons must be able to walk down to them.
        os.chmod(self.folder, 0o755)
        tls_main = ""
        tls_master = ""
        if self.ca is not None:
            cert = self.ca.issue_cert("127.0.0.1", "localhost")
            cert.private_key_and_cert_chain_pem.write_to_path(str(self.conf / "server.pem"))
            os.chmod(self.conf / "server.pem", 0o600)
            tls_main = f"smtpd_tls_chain_files = {self.conf}/server.pem\n"
            tls_master = ("tlsmgr unix - - n 1000? 1 tlsmgr\n"
                          f"127.0.0.1:{self.tls_port} inet n - n - - smtpd "
                          f"-o smtpd_tls_security_level=may\n"
                          f"127.0.0.1:{self.implicit_port} inet n - n - - smtpd "
                          f"-o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt\n")
        if self.sasl_path is not None and self.ca is not None:
            tls_main += (f"smtpd_sasl_auth_enable = yes\nsmtpd_sasl_type = dovecot\n"
                         f"smtpd_sasl_path = {self.sasl_path}\nsmtpd_tls_auth_only = yes\n")
            tls_master += (f"127.0.0.1:{self.login_port} inet n - n - - smtpd "
                           f"-o smtpd_tls_security_level=may -o smtpd_sasl_mechanism_filter=login\n"
                           f"127.0.0.1:{self.login_implicit_port} inet n - n - - smtpd "
                           f"-o smtpd_tls_wrappermode=yes -o smtpd_tls_security_level=encrypt "
                           f"-o smtpd_sasl_mechanism_filter=login\n"
                           f"127.0.0.1:{self.idle_tls_port} inet n - n - - smtpd "
                           f"-o smtpd_tls_security_level=may -o smtpd_timeout={self.idle_timeout}s\n"
                           f"127.0.0.1:{self.clear_auth_port} inet n - n - - smtpd "
                           f"-o smtpd_tls_auth_only=no\n")
        (self.conf / "refused").write_text(f"{REFUSED} 550 5.1.1 this recipient is refused\n")
        f = self.folder
        (self.conf / "main.cf").write_text(f"""\
compatibility_level = 3.6
config_directory = {self.conf}
queue_directory = {f}/queue
data_directory = {f}/data
mail_owner = postfix
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
myhostname = postfix-test.wlmail.localhost
mydestination =
mynetworks = 127.0.0.0/8
alias_maps =
alias_database =
biff = no
local_transport = error:5.1.1 no local delivery in tests
default_transport = error:5.4.4 no relaying in tests
relay_transport = error:5.4.4 no relaying in tests
virtual_mailbox_domains = static:all
virtual_mailbox_base = {f}/mail/
virtual_mailbox_maps = static:inbox/
virtual_uid_maps = static:{user.pw_uid}
virtual_gid_maps = static:{user.pw_gid}
virtual_transport = virtual
message_size_limit = {SIZE_LIMIT}
virtual_mailbox_limit = 0
smtpd_relay_restrictions = permit_mynetworks, reject
smtpd_recipient_restrictions = check_recipient_access texthash:{self.conf}/refused, permit
local_header_rewrite_clients =
smtpd_forbid_bare_newline = yes
strict_rfc821_envelopes = yes
maillog_file = {self.logfile}
maillog_file_prefixes = {f}
smtpd_banner = $myhostname ESMTP wlmail test Postfix
smtpd_tls_security_level = none
""" + tls_main)
        (self.conf / "master.cf").write_text(f"""\
127.0.0.1:{self.port} inet n - n - - smtpd
127.0.0.1:{self.idle_port} inet n - n - - smtpd -o smtpd_timeout={self.idle_timeout}s
cleanup unix n - n - 0 cleanup
qmgr unix n - n 300 1 qmgr
rewrite unix - - n - - trivial-rewrite
bounce unix - - n - 0 bounce
defer unix - - n - 0 bounce
trace unix - - n - 0 bounce
verify unix - - n - 1 verify
flush unix n - n 1000? 0 flush
proxymap unix - - n - - proxymap
showq unix n - n - - showq
error unix - - n - - error
retry unix - - n - - error
discard unix - - n - - discard
virtual unix - n n - - virtual
anvil unix - - n - 1 anvil
scache unix - - n - 1 scache
postlog unix-dgram n - n - 1 postlogd
""" + tls_master)

    # -- running ---------------------------------------------------------------------------
    def _postfix(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([POSTFIX, "-c", str(self.conf), *args], capture_output=True,
                              text=True, timeout=60)

    def start(self) -> PostfixServer:
        problem = _problem()
        if problem:
            raise PostfixMissing(problem)
        self._write_config()
        self._postfix("set-permissions")
        result = self._postfix("start")
        if result.returncode != 0:
            why = (result.stderr or result.stdout).strip() or self.log()[-1500:]
            self.stop()
            raise PostfixMissing(f"postfix -c {self.conf} start failed: {why}")
        deadline = time.monotonic() + 15
        while True:
            # Not listening yet: try again.
            with contextlib.suppress(OSError), \
                    socket.create_connection((self.host, self.port), timeout=1) as s:
                if s.recv(200).startswith(b"220"):
                    s.sendall(b"QUIT\r\n")
                    break
            if time.monotonic() > deadline:
                self.stop()
                raise PostfixMissing(f"the private Postfix did not answer on port {self.port}: "
                                     f"{self.log()[-2000:]}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        self._postfix("stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    # -- what it did -----------------------------------------------------------------------
    def log(self) -> str:
        try:
            return self.logfile.read_text(errors="replace")
        except OSError:
            return ""

    def messages(self, count: int = 0, wait: float = 10.0) -> list[email.message.EmailMessage]:
        """The delivered messages, oldest first; waits until there are at least `count`
        (delivery to the Maildir follows the 250 by a few milliseconds)."""
        deadline = time.monotonic() + wait
        while True:
            files = sorted((p for sub in ("new", "cur") for p in (self.maildir / sub).glob("*")
                            if p.is_file()), key=lambda p: p.stat().st_mtime_ns)
            if len(files) >= count or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return [email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
                for p in files]

    def clear(self) -> None:
        for sub in ("new", "cur"):
            shutil.rmtree(self.maildir / sub, ignore_errors=True)
