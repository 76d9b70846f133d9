"""Declarations imported by wlmail.registry.Registry.load(): the non-email built-ins,
one module per concern."""
from . import arrays, convert, errors, files, output, strings, system, time, ui  # noqa: F401
