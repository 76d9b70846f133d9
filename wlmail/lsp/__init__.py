"""`wlmail lsp`: a language server over standard input and output (docs/editors.md).

The analysis (wlmail/lsp/analysis.py) needs nothing but wlmail; the protocol is pygls's
(wlmail/lsp/server.py), imported by `serve()` only, so that no other command pays for
it at start-up."""
from __future__ import annotations

import sys
from typing import TextIO

INSTALL = ("wlmail lsp needs the pygls and lsprotocol packages, which `pip install wlmail` "
           "installs; in this environment they are missing or broken ({problem}): "
           "pip install 'pygls>=2.1,<3' 'lsprotocol>=2025.0'")


def lsp_command(err: TextIO = sys.stderr) -> int:
    """Serve until the editor says exit; 2 when the LSP library cannot be imported."""
    try:
        from .server import serve
    except ImportError as e:
        err.write(INSTALL.format(problem=e) + "\n")
        return 2
    return serve()
