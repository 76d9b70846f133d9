"""Reading over IMAP: `wlmail run` on a script that reads the headers of COUNT messages
(default 1,000) against a plain `imaplib` script doing the same, in one run.

The bench starts the private Dovecot of the tests (tests/dovecot_server.py: needs root and
Debian's dovecot-imapd, as the tests do), fills its INBOX with COUNT messages of a
realistic header (about 1 KB: Received lines, DKIM, addresses with names, an encoded
subject), and times each side as a whole process (interpreter start-up included), best
of REPEAT runs, alternating.  Both log in with a password on the plain port, read every
message's header in the folder's order and decode its Subject and From with Python's
`email` package; the imaplib script asks for all the headers in one FETCH, as such a
script is usually written.  The wlmail script reads with EmailReadFirstHeader /
EmailReadNextHeader (`--whole`, or where those are not there: EmailReadFirst /
EmailReadNext, and the imaplib script then fetches whole messages too).  Prints messages
per second and the ratio wlmail / imaplib (issue 12 asks for at least 0.8).

    python bench/read_imap.py [--count 1000] [--repeat 3] [--whole]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
sys.path.insert(0, str(ROOT / "tests"))

from dovecot_server import PASSWORD, USER, DovecotMissing, DovecotServer  # noqa: E402

_HEADER_WL = """\
MySession is emailIMAPSession
MySession.ServerAddress = SysEnvironment("READ_HOST")
MySession.Port = Val(SysEnvironment("READ_PORT"))
MySession.Name = SysEnvironment("READ_USER")
MySession.Password = SysEnvironment("READ_PASSWORD")
IF NOT EmailStartSession(MySession) THEN
	Trace("cannot start: " + ErrorInfo())
	RETURN
END
MyEmail is Email
n is int = 0
senders is int = 0
{first}(MySession, MyEmail)
WHILE NOT MyEmail.Out
	n++
	IF MyEmail.Sender <> "" THEN
		senders++
	END
	last is string = MyEmail.Subject
	{next}(MySession, MyEmail)
END
EmailCloseSession(MySession)
Trace(n + " " + senders + " " + last)
"""

_IMAPLIB = """\
import email.policy, imaplib, os, sys
from email.parser import BytesParser
whole = sys.argv[1] == "whole"
parser = BytesParser(policy=email.policy.default)
m = imaplib.IMAP4(os.environ["READ_HOST"], int(os.environ["READ_PORT"]))
m.login(os.environ["READ_USER"], os.environ["READ_PASSWORD"])
m.select("INBOX")
typ, data = m.uid("FETCH", "1:*", "(BODY.PEEK[])" if whole else "(BODY.PEEK[HEADER])")
n = senders = 0
last = ""
for item in data:
    if isinstance(item, tuple):
        msg = parser.parsebytes(item[1], headersonly=not whole)
        n += 1
        if str(msg["From"] or ""):
            senders += 1
        last = str(msg["Subject"] or "")
        if whole:
            msg.get_body(preferencelist=("plain",))
m.logout()
print(n, senders, last)
"""


def _message(n: int) -> bytes:
    return (
        f"Return-Path: <orders+{n}@shop.example.com>\r\n"
        f"Received: from mx{n % 7}.shop.example.com (mx{n % 7}.shop.example.com "
        f"[192.0.2.{n % 250 + 1}])\r\n\tby mail.example.org with ESMTPS id {n:08X}\r\n"
        f"\tfor <{USER}@example.org>; Tue, 01 Dec 2026 10:{n % 60:02d}:00 +0100\r\n"
        f"DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=shop.example.com;\r\n"
        f"\ts=sel1; h=from:to:subject:date:message-id;\r\n"
        f"\tbh={'A' * 43}=;\r\n\tb={'B' * 64}\r\n\t {'C' * 64}\r\n\t {'D' * 42}==\r\n"
        f"From: =?utf-8?q?Boutique_=C3=89t=C3=A9?= <orders@shop.example.com>\r\n"
        f"To: Reader <{USER}@example.org>\r\n"
        f"Subject: =?utf-8?q?Commande_n=C2=B0_{n}_confirm=C3=A9e?=\r\n"
        f"Date: Tue, 01 Dec 2026 10:{n % 60:02d}:00 +0100\r\n"
        f"Message-ID: <order-{n}@shop.example.com>\r\n"
        f"MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        f"Content-Transfer-Encoding: 8bit\r\n\r\n"
        f"Votre commande {n} est confirmée.\r\n" * 1
    ).encode()


def _fill(server: DovecotServer, count: int) -> None:
    uid, gid = server.mail_user.pw_uid, server.mail_user.pw_gid
    stamp = time.time_ns()
    for n in range(1, count + 1):
        path = server.maildir / "cur" / f"{stamp + n:020d}.{uuid.uuid4().hex[:8]}.bench:2,S"
        path.write_bytes(_message(n))
        os.chown(path, uid, gid)


def _header_functions_exist() -> bool:
    from wlmail.domains import load_all
    # Not declared before the header-only reads came: the whole-message variant then.
    return load_all().function("EmailReadFirstHeader") is not None


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - start
    if done.returncode != 0 or done.stderr.strip():
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stdout[-2000:]}{done.stderr[-2000:]}")
    return elapsed, done.stdout.strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--whole", action="store_true", help="read whole messages, not headers")
    args = ap.parse_args()
    whole = args.whole or not _header_functions_exist()
    import trustme
    server = DovecotServer(ca=trustme.CA())
    try:
        server.start()
    except DovecotMissing as exc:
        raise SystemExit(f"bench/read_imap.py needs the private Dovecot: {exc}") from None
    try:
        _fill(server, args.count)
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "read_imap.wl"
            first, nxt = ("EmailReadFirst", "EmailReadNext") if whole else \
                ("EmailReadFirstHeader", "EmailReadNextHeader")
            script.write_text(_HEADER_WL.format(first=first, next=nxt), encoding="utf-8")
            baseline = Path(tmp) / "read_imaplib.py"
            baseline.write_text(_IMAPLIB, encoding="utf-8")
            env = dict(os.environ, READ_HOST=server.host, READ_PORT=str(server.imap_port),
                       READ_USER=USER, READ_PASSWORD=PASSWORD,
                       XDG_CACHE_HOME=str(Path(tmp) / "cache"),
                       # Compiled once, as an installed wlmail is (pip writes the .pyc):
                       # with PYTHONDONTWRITEBYTECODE each run compiled ~80 modules again,
                       # a third of a second the imaplib side (the standard library's
                       # .pyc) never pays.  Written under tmp, not in the source tree.
                       PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"))
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            sides = {"wlmail": [PY, "-m", "wlmail", "run", str(script)],
                     "imaplib": [PY, str(baseline), "whole" if whole else "headers"]}
            best: dict[str, float] = {}
            outputs: dict[str, str] = {}
            for _ in range(args.repeat):
                for name, cmd in sides.items():
                    elapsed, out = _timed(cmd, env)
                    best[name] = min(best.get(name, elapsed), elapsed)
                    outputs[name] = out
    finally:
        server.stop()
    if outputs["wlmail"] != outputs["imaplib"]:
        raise SystemExit(f"the two sides read different things: wlmail {outputs['wlmail']!r}, "
                         f"imaplib {outputs['imaplib']!r}")
    what = "whole messages" if whole else "headers"
    print(f"read the {what} of {args.count} messages over IMAP (best of {args.repeat}, "
          f"whole processes): {outputs['wlmail']}")
    for name in ("imaplib", "wlmail"):
        print(f"  {name:8} {best[name]:6.2f} s  {args.count / best[name]:8.0f} msg/s")
    print(f"  ratio wlmail / imaplib: {best['imaplib'] / best['wlmail']:.2f}x (target >= 0.8)")


if __name__ == "__main__":
    main()
