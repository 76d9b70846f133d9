"""Email objects for the tests that call the email layer from Python."""
from __future__ import annotations

from typing import Any

from wlmail.email.types import Email
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
