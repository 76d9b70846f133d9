"""`wlmail spool list | status ID | flush | retry ID | purge` and the spool's options of
`wlmail run` (docs/spool.md).  Importing it costs only argparse: sqlite3 and the
delivery are imported by the commands."""
from __future__ import annotations

import argparse
import os
import re
import time
from typing import Any, TextIO

ENV_WAIT = "WLMAIL_SPOOL_WAIT"


def _positive_int(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if n < 1:
        raise argparse.ArgumentTypeError(f"{text} is not at least 1")
    return n


def _seconds(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not n >= 0 or n == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a usable number of seconds")
    return n


def _rate(text: str) -> float:
    n = _seconds(text)
    if n <= 0:
        raise argparse.ArgumentTypeError("the rate is a number of messages a minute above 0")
    return n


_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")


def _age(text: str) -> float:
    """--older-than: days by default, or with a unit: 30s, 15m, 12h, 7d."""
    m = _AGE.match(text)
    if not m:
        raise argparse.ArgumentTypeError(f"{text!r} is not an age (days, or 30s, 15m, 12h, 7d)")
    unit = {"": 86400.0, "d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}[m.group(2)]
    return float(m.group(1)) * unit


def add_spool_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--spool", metavar="DIR", dest="spool_dir",
                   help="the spool of asynchronous sessions (also WLMAIL_SPOOL; default "
                        "$XDG_STATE_HOME/wlmail/spool)")


def add_delivery_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--spool-connections", metavar="N", type=_positive_int, default=4,
                   help="connections at once per account for the spool's delivery (default 4)")
    p.add_argument("--spool-per-connection", metavar="N", type=_positive_int, default=100,
                   help="messages sent on one connection before a new one (default 100)")
    p.add_argument("--spool-rate", metavar="N", type=_rate, default=None,
                   help="at most N messages a minute per account, all connections together")


def add_run_options(p: argparse.ArgumentParser) -> None:
    """The spool's options of `wlmail run` and `wlmail repl`."""
    add_spool_dir(p)
    p.add_argument("--spool-wait", metavar="SECONDS", type=_seconds, default=None,
                   help="how long the end of the script waits for its messages still in the "
                        "spool (default 60; also WLMAIL_SPOOL_WAIT)")
    add_delivery_options(p)


def options_into(ns: argparse.Namespace, options: Any) -> str | None:
    """Copy the spool's options into RunOptions; a problem is returned as
    (option, message) text for a UsageError."""
    options.spool_dir = ns.spool_dir or os.environ.get("WLMAIL_SPOOL") or None
    wait = ns.spool_wait
    if wait is None and os.environ.get(ENV_WAIT):
        try:
            wait = _seconds(os.environ[ENV_WAIT])
        except argparse.ArgumentTypeError as exc:
            return f"{ENV_WAIT}: {exc}"
    options.spool_wait = wait
    options.spool_connections = ns.spool_connections
    options.spool_per_connection = ns.spool_per_connection
    options.spool_rate = ns.spool_rate
    return None


def add_command(sub: Any) -> None:
    sp = sub.add_parser("spool", help="show and deliver the messages of asynchronous sessions",
                        description="The spool of asynchronous sessions (docs/spool.md): list "
                        "it, show one message, deliver what is pending (flush, e.g. from cron), "
                        "send a refused message again (retry), remove finished ones (purge).")
    acts = sp.add_subparsers(dest="spool_action", metavar="ACTION")
    acts.required = True
    lst = acts.add_parser("list", help="every message: its number, state, envelope")
    add_spool_dir(lst)
    st = acts.add_parser("status", help="one message in detail")
    st.add_argument("ident", metavar="ID", type=_positive_int)
    add_spool_dir(st)
    fl = acts.add_parser("flush", help="deliver every pending message now")
    add_spool_dir(fl)
    add_delivery_options(fl)
    fl.add_argument("--capture", metavar="DIR",
                    help="deliver to the capture Maildir DIR (messages spooled in capture mode)")
    fl.add_argument("--smtp-server", metavar="HOST[:PORT]",
                    help="deliver to this server instead (also WLMAIL_SMTP_SERVER)")
    fl.add_argument("--trace-smtp", action="store_true", help="print the SMTP dialogue on stderr")
    rt = acts.add_parser("retry", help="put a refused message back in the queue")
    rt.add_argument("ident", metavar="ID", type=_positive_int)
    add_spool_dir(rt)
    pg = acts.add_parser("purge", help="remove sent (and refused) messages")
    pg.add_argument("--sent", action="store_true", help="only the sent ones")
    pg.add_argument("--older-than", metavar="AGE", type=_age, default=None,
                    help="only those finished more than AGE ago (days, or 30s, 15m, 12h, 7d)")
    add_spool_dir(pg)


def _when(epoch: float | None) -> str:
    if not epoch:
        return "-"
    return time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(epoch))


def _line(r: Any) -> str:
    to = ", ".join(r.recipients[:3]) + (" ..." if len(r.recipients) > 3 else "")
    text = f"{r.id:>6}  {r.state:<7}  {_when(r.created)}  {r.envelope_from} -> {to}"
    if r.subject:
        text += f'  "{r.subject}"'
    return text


def spool_command(ns: argparse.Namespace, stdout: TextIO, stderr: TextIO) -> int:
    from ..safetext import printable
    from .spool import PENDING, Spool, SpoolError, default_dir
    directory = ns.spool_dir or None
    spool = Spool(os.path.expanduser(directory) if directory else default_dir())
    act = ns.spool_action
    try:
        if not spool.exists() and act != "flush":
            if act in ("status", "retry"):
                stderr.write(f"wlmail: no message {ns.ident}: there is no spool in {spool.dir}\n")
                return 1
            stdout.write(f"the spool {spool.dir} is empty\n")
            return 0
        if act == "list":
            rows = spool.rows()
            if not rows:
                stdout.write(f"the spool {spool.dir} is empty\n")
            for r in rows:
                stdout.write(printable(_line(r)) + "\n")
                if r.state != "sent" and r.last_error:
                    stdout.write("        " + printable(r.last_error) + "\n")
            return 0
        if act == "status":
            one = spool.get(ns.ident)
            if one is None:
                stderr.write(f"wlmail: no message {ns.ident} in the spool {spool.dir}\n")
                return 1
            r = one
            lines = [f"message {r.id}: {r.state}",
                     f"  from:       {r.envelope_from}",
                     f"  to:         {', '.join(r.recipients)}",
                     f"  subject:    {r.subject}",
                     f"  message-id: {r.message_id}",
                     f"  server:     {r.settings.get('host')} port {r.settings.get('port')}"
                     + (f" as {r.settings['name']}" if r.settings.get("name") else ""),
                     f"  size:       {r.size} bytes",
                     f"  spooled:    {_when(r.created)}",
                     f"  attempts:   {r.attempts}"]
            if r.state == PENDING:
                lines.append(f"  next try:   {_when(r.next_try) if r.next_try else 'now'}")
            if r.sent_at:
                lines.append(f"  sent:       {_when(r.sent_at)}")
            if r.last_error:
                lines.append(f"  {'last error' if r.state == PENDING else 'error'}: "
                             f"{r.last_error}")
            for addr, (code, text) in r.refused.items():
                lines.append(f"  refused:    {addr} ({code} {text})")
            stdout.write("".join(printable(x) + "\n" for x in lines))
            return 0
        if act == "retry":
            if spool.retry(ns.ident):
                stdout.write(f"message {ns.ident} is pending again; `wlmail spool flush` sends it\n")
                return 0
            why = "is not in the spool" if spool.get(ns.ident) is None else "was already sent"
            stderr.write(f"wlmail: message {ns.ident} {why}\n")
            return 1
        if act == "purge":
            n = spool.purge(sent_only=ns.sent, older_than=ns.older_than)
            stdout.write(f"removed {n} message(s) from {spool.dir}\n")
            return 0
        return _flush(ns, spool, stdout, stderr)
    except SpoolError as exc:
        stderr.write(f"wlmail: {exc}\n")
        return 1
    finally:
        spool.close()


def _flush(ns: argparse.Namespace, spool: Any, stdout: TextIO, stderr: TextIO) -> int:

    from ..runtime.context import Context, RunOptions
    from .delivery import Deliverer, Options
    from .spool import PENDING
    options = RunOptions(capture_dir=ns.capture, trace_smtp=ns.trace_smtp,
                         smtp_server=ns.smtp_server or os.environ.get("WLMAIL_SMTP_SERVER")
                         or None)
    if ns.capture:
        from .capture import prepare_capture_dir
        problem = prepare_capture_dir(ns.capture)
        if problem:
            stderr.write(f"wlmail: error: --capture {ns.capture}: {problem}\n")
            return 2
    if not spool.exists():
        stdout.write(f"the spool {spool.dir} is empty: nothing to send\n")
        return 0
    rt = Context(spool.dir / "flush", options, stdout=stdout, stderr=stderr)
    deliverer = Deliverer(rt, spool, Options(ns.spool_connections, ns.spool_per_connection,
                                             ns.spool_rate), due_only=False,
                          log=lambda text: print(f"wlmail: {text}", file=stderr))

    async def go() -> Any:
        return await deliverer.flush()
    try:
        report = rt.run_async(go())
    finally:
        rt.close()
    left = spool.count(PENDING)
    stdout.write(f"sent {report.sent}, refused {report.failed}, still pending {left}\n")
    # 1 when this flush could not send something; messages another live flush holds
    # (still pending here) are that flush's to report.
    return 0 if report.deferred == 0 and report.failed == 0 else 1
