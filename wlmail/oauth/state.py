"""What the OAuth layer keeps for one run (`OAuthState.of(rt)`), in the run's Context."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:   # store.py pulls in the flow's modules; only its type is needed here
    from .store import TokenStore


@dataclass
class OAuthState:
    # The token store, opened on first use (None until then, or with --no-token-cache).
    store: TokenStore | None = None
    # Capture mode handed out a synthetic token (the capture summary says so).
    synthetic_token: bool = False
    # Why the last refresh the SMTP layer asked for failed ("" when it did not).
    last_refresh_error: str = ""

    @classmethod
    def of(cls, rt: Any) -> OAuthState:
        state: OAuthState = rt.state_of(cls)
        return state
