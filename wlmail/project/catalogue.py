"""The catalogue of PC SOFT names wlmail does not provide: it lives in the foundation
(wlmail/catalogue.py) so that single scripts use it too; the project layer reads it
through this name."""
from __future__ import annotations

from ..catalogue import entries, family_of, lookup, not_provided, unknown_in

__all__ = ["entries", "family_of", "lookup", "not_provided", "unknown_in"]
