"""Email objects for the tests that call the email layer from Python."""
from __future__ import annotations

import os
from typing import Any

from wlmail.email.types import Email, EmailAttach
from wlmail.runtime.values import T_STRING, WLArray


def simple_mail(to: str | list[str] = "bob@example.org", **props: Any) -> Email:
    m = Email()
    m.sender = props.pop("sender", "Ann <ann@example.com>")
    m.set_recipient(to if isinstance(to, str) else WLArray(T_STRING, list(to)))
    m.subject = props.pop("subject", "Hello")
    m.message = props.pop("message", "Hello Bob")
    for k, v in props.items():
        setattr(m, k, v)
    return m


def big_mail(size: int = 12_000_000) -> Email:
    """A message too big to fit in the socket buffers: a server that stops reading stalls it."""
    m = simple_mail()
    att = EmailAttach()
    att.name = "big.bin"
    att.content = os.urandom(1024) * (size // 1024)
    m.add_attachment(att)
    return m
