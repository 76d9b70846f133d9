"""The one place where the domains join the registry, in order.

The registry is a table; the runtime runs what is in it; neither imports a domain.
Whoever runs or checks scripts (the CLI, the doc generator, a test) calls `load_all()`
first.  A new domain (reading mail over POP3/IMAP, WINDEV projects...) is a package
with a `register(registry)` function, added to DOMAINS below.
"""
from __future__ import annotations

from . import email, oauth, reading
from .registry import REGISTRY, Registry
from .runtime import builtins

# The order is the order names are declared in (it decides nothing but the order of
# the tables and of the lints).
DOMAINS = (builtins, email, oauth, reading)


def load_all(registry: Registry = REGISTRY) -> Registry:
    """Register every domain into `registry` (once: calling it again does nothing)."""
    for domain in DOMAINS:
        domain.register(registry)
    return registry
