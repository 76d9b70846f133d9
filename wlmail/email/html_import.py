"""EmailImportHTML: an HTML body whose local images travel with the message.

Each `src="..."` / `background="..."` that names a local file becomes an inline
attachment with a Content-ID, and the attribute becomes `cid:<id>`, so the recipient's
mail client shows the image without fetching anything.
"""
from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from ..runtime.errors import Err
from .types import EmailAttach

_ATTR = re.compile(r"""(?P<lead>\b(?:src|background)\s*=\s*)"""
                   r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'>]+))""",
                   re.IGNORECASE)
_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:(?!\\)|//)", re.IGNORECASE)


def _local_path(ref: str, base: Path) -> Path | None:
    ref = ref.strip()
    if not ref or ref.startswith("#"):
        return None
    if ref.lower().startswith("file:"):
        parsed = urlparse(ref)
        return Path(unquote(parsed.path))
    # A Windows drive path ("C:\img\logo.png") looks like a URL scheme of one letter.
    if _REMOTE.match(ref) and not re.match(r"^[A-Za-z]:[\\/]", ref):
        return None
    p = Path(unquote(ref).replace("\\", "/"))
    return p if p.is_absolute() else base / p


def import_html(rt: Any, mail: Any, html: str, base: Path) -> bool:
    embedded: dict[Path, str] = {}
    missing: list[str] = []
    token = secrets.token_hex(4)

    def replace(m: re.Match) -> str:
        ref = m.group("dq") if m.group("dq") is not None else (
            m.group("sq") if m.group("sq") is not None else m.group("bare"))
        path = _local_path(ref, base)
        if path is None:
            return m.group(0)
        if not path.is_file():
            missing.append(ref)
            return m.group(0)
        path = path.resolve()
        cid = embedded.get(path)
        if cid is None:
            cid = f"img{len(embedded) + 1}.{token}@wlmail"
            embedded[path] = cid
        return f'{m.group("lead")}"cid:{cid}"'

    new_html = _ATTR.sub(replace, html)
    if missing:
        shown = ", ".join(f'"{x}"' for x in missing)
        return rt.fail(Err.ATTACHMENT, f"EmailImportHTML: the HTML shows images that do not "
                                       f"exist: {shown} (relative paths start at {base})")
    mail.html = new_html
    for path, cid in embedded.items():
        mail.add_attachment(EmailAttach.from_file(str(path), path.name, cid))
    return True
