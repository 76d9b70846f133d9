"""`wlmail check` warnings about OAuth2Parameters that AuthIdentify will refuse at run
time: caught before the script sends anything, with the same words.

Only literal values (and constants) are judged; a value the static pass cannot know
never triggers a warning.
"""
from __future__ import annotations

from typing import Any

from ..registry import REGISTRY, Declarations
from ..runtime.lint import PropertyAssign, Warning
from .types import RESPONSE_TYPE_TOKEN
from .validate import OAuthProblem, _endpoint, check_redirect, parse_additional

# What this module declares; wlmail.oauth.register adds it to a registry.
DECLARE = Declarations()

_PARAMS = "OAuth2Parameters"


def _literal(a: PropertyAssign) -> Any:
    v = a.value
    if v.constant:
        entry = REGISTRY.constant(v.constant)
        return entry.value if entry is not None else None
    return v.literal if v.is_literal else None


def _problem(prop: str, value: str) -> str | None:
    try:
        if prop == "RedirectionURL":
            check_redirect(value)
        elif prop in ("AuthURL", "TokenURL"):
            _endpoint(prop, value)
        elif prop == "AdditionalParameters":
            parse_additional(value)
        elif prop == "ResponseType" and value.strip().lower() == RESPONSE_TYPE_TOKEN:
            raise OAuthProblem(0, "the implicit flow (oauth2ResponseTypeToken) is not "
                                  "supported: use oauth2ResponseTypeCode")
    except OAuthProblem as p:
        return p.message
    return None


@DECLARE.lint
def check_oauth(facts: list[Any]) -> list[Warning]:
    out: list[Warning] = []
    for f in facts:
        if not isinstance(f, PropertyAssign) or f.type_name != _PARAMS:
            continue
        value = _literal(f)
        # An empty literal may be filled later in the script: only a wrong value warns.
        if not isinstance(value, str) or not value.strip():
            continue
        msg = _problem(f.prop, value)
        if msg:
            out.append(f.warning(f"AuthIdentify will refuse this: {msg}"))
    return out
