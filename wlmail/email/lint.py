"""`wlmail check` warnings about email code that runs but is probably wrong or unsafe.

These read the static pass's facts (wlmail.runtime.lint): property assignments on
emailSMTPSession variables and calls of the Email* functions.  A value the pass cannot
know (a variable, a call) never triggers a warning.
"""
from __future__ import annotations

from typing import Any

from ..registry import REGISTRY, Declarations
from ..runtime.lint import Call, PropertyAssign, Value, Warning
from .types import OPTION_DEFAULT, OPTION_SSL, OPTION_STARTTLS

# What this module declares; wlmail.email.register adds it to a registry.
DECLARE = Declarations()

_SESSION = "emailSMTPSession"
_UNKNOWN = object()
_STARTS = {"EmailStartSession", "EmailStartSMTPSession"}
_SENDS = {"EmailSendMessage", "EmailSend"}
_ENV_HINT = 'read it from the environment: Password = SysEnvironment("SMTP_PASSWORD")'


def _known(v: Value | None) -> Any:
    """The value when the static pass knows it (a literal or a constant), else _UNKNOWN."""
    if v is None:
        return _UNKNOWN
    if v.constant:
        entry = REGISTRY.constant(v.constant)
        return entry.value if entry is not None else _UNKNOWN
    if v.is_literal:
        return v.literal
    return _UNKNOWN


def _as_int(x: Any) -> int | None:
    if isinstance(x, bool) or x is _UNKNOWN:
        return None
    if isinstance(x, int):
        return x
    if isinstance(x, str) and x.strip().isdigit():
        return int(x)
    return None


def _mismatch(option: int | None, port: int | None) -> str | None:
    if option == OPTION_SSL and port in (25, 587):
        return (f"optionSSL (TLS from the first byte) on port {port}: that port speaks plain "
                f"SMTP first" + (", then STARTTLS: use emailOptionSecuredTLS" if port == 587
                                  else "; implicit TLS is usually on port 465"))
    if option == OPTION_STARTTLS and port == 465:
        return ("emailOptionSecuredTLS (STARTTLS) on port 465: that port expects TLS from the "
                "first byte: use optionSSL")
    return None


def _key(v: Value | None) -> str | None:
    if v is None:
        return None
    if v.var:
        return "var:" + v.var
    if v.is_literal and isinstance(v.literal, str):
        return "lit:" + v.literal
    return None


def _is_number(x: Any) -> bool:
    # As the run-time's test (functions._is_number): a boolean is not a number.
    if isinstance(x, bool):
        return False
    return isinstance(x, (int, float)) or (isinstance(x, str) and x.strip().isdigit())


def _password_given(rest: list[Value]) -> bool | None:
    """Whether the argument after the user of EmailStartSMTPSession(User [, Password],
    Server [, Port [, Async [, Option]]]) is the password, as the run-time reads it: not
    when it is the last one, nor when the next one is a number (that is the port). None
    when the static pass cannot tell: then the one after the port, a known boolean,
    says it was the asynchronous parameter (no password); six arguments have one."""
    if len(rest) <= 1:
        return False
    after = _known(rest[1])
    if after is not _UNKNOWN:
        return not _is_number(after)
    if rest[1].function:
        entry = REGISTRY.function(rest[1].function)
        if entry is not None and entry.returns in ("int", "real", "numeric"):
            return False
    if len(rest) >= 5:
        return True
    if len(rest) >= 3:
        then = _known(rest[2])
        if isinstance(then, bool):
            return False
        if _is_number(then):
            return True        # the port: the argument before it is the server
    return None


def _start_smtp_args(args: list[Value]) -> tuple[Value | None, Value | None, Value | None] | None:
    """(password, port, option) of an EmailStartSMTPSession call, as its runtime reads it;
    None when that depends on values the static pass does not know."""
    rest = args[1:]
    given = _password_given(rest)
    if given is None:
        return None
    password = rest[0] if given else None
    after: list[Value | None] = list(rest[2:] if given else rest[1:])
    after += [None] * (3 - len(after))
    port, _asynchronous, option = after[:3]
    return password, port, option


@DECLARE.lint
def check_email(facts: list[Any]) -> list[Warning]:
    out: list[Warning] = []
    sessions: dict[str, dict[str, list[PropertyAssign]]] = {}
    for f in facts:
        if isinstance(f, PropertyAssign) and f.type_name == _SESSION:
            sessions.setdefault(f.var, {}).setdefault(f.prop, []).append(f)
            if f.prop == "Password" and f.value.is_literal and isinstance(f.value.literal, str) \
                    and f.value.literal:
                out.append(f.warning("a password is written in the script",
                                   _ENV_HINT))

    for props in sessions.values():
        options = [(a, _as_int(_known(a.value))) for a in props.get("Option", [])]
        ports = [(a, _as_int(_known(a.value))) for a in props.get("Port", [])]
        unknown_option = any(o is None for _, o in options)
        known_ports = [p for _, p in ports if p is not None] or ([] if ports else [25])
        for a, opt in options:
            for port in known_ports:
                msg = _mismatch(opt, port)
                if msg:
                    out.append(a.warning(msg))
                    break
        plain = not unknown_option and all(o == OPTION_DEFAULT for _, o in options)
        creds = [a for p in ("Name", "Password", "AuthToken") for a in props.get(p, [])
                 if not (a.value.is_literal and a.value.literal in ("", None))]
        if plain and creds:
            first = min(creds, key=lambda a: (a.line, a.column))
            out.append(first.warning(
                "authentication over a plain session: the user name and "
                "password (or token) cross the network in clear",
                "set Option = emailOptionSecuredTLS (port 587) or optionSSL "
                "(port 465)"))

    started: set[str] = set()
    starts_elsewhere: list[tuple[str, str]] = []
    sends: list[tuple[Call, str]] = []
    for f in facts:
        if not isinstance(f, Call):
            continue
        target = f.method_of if f.method_of is not None else (f.args[0] if f.args else None)
        key = _key(target)
        if f.function in _STARTS:
            if key:
                started.add(key)
                starts_elsewhere.append((key, f.procedure))
            if f.function == "EmailStartSMTPSession" and f.method_of is None:
                reading = _start_smtp_args(f.args)
                if reading is not None:
                    _call_warnings(out, f, *reading)
            elif f.function == "EmailStartSession" and f.method_of is None and len(f.args) >= 3:
                pw = _known(f.args[1])
                if isinstance(pw, str) and pw:
                    out.append(f.warning("a password is written in the script",
                                       "read it from the environment: SysEnvironment(\"SMTP_PASSWORD\")"))
        elif f.function in _SENDS and key:
            sends.append((f, key))
    for call, key in sends:
        if key in started:
            continue
        # A session started in another procedure may be that procedure's parameter.
        if any(k.startswith("var:") and proc != call.procedure for k, proc in starts_elsewhere):
            continue
        shown = key.split(":", 1)[1]
        if key.startswith("lit:"):
            shown = f'"{shown}"'
        out.append(call.warning(
            f"{call.function} on a session that is never started ({shown})",
            "call EmailStartSession (or EmailStartSMTPSession) first and check "
            "that it returns True"))
    return out


def _call_warnings(out: list[Warning], f: Call, password: Value | None, port: Value | None,
                   option: Value | None) -> None:
    pw = _known(password)
    if isinstance(pw, str) and pw:
        out.append(f.warning("a password is written in the script",
                           'read it from the environment: SysEnvironment("SMTP_PASSWORD")'))
    opt = _as_int(_known(option)) if option is not None else OPTION_DEFAULT
    prt = _as_int(_known(port)) if port is not None else 25
    msg = _mismatch(opt, prt)
    if msg:
        out.append(f.warning(msg))
    if password is not None and opt == OPTION_DEFAULT and not (isinstance(pw, str) and not pw):
        out.append(f.warning(
            "authentication over a plain session: the password crosses the "
            "network in clear",
            "pass emailOptionSecuredTLS (port 587) or optionSSL (port 465) as "
            "the last parameter"))
