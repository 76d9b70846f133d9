"""Content-Types guessed from a file name, the same on every machine.

Python's `mimetypes` module reads /etc/mime.types, so the same script would attach a
file as `application/x-zip-compressed` on one machine and `application/zip` on the
next.  Our own table comes first; `MimeTypes(filenames=())` (Python's built-in defaults
only) covers the rest.
"""
from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath

TABLE: dict[str, str] = {
    ".txt": "text/plain", ".log": "text/plain", ".csv": "text/csv", ".tsv": "text/tab-separated-values",
    ".htm": "text/html", ".html": "text/html", ".css": "text/css", ".xml": "application/xml",
    ".json": "application/json", ".ics": "text/calendar", ".vcf": "text/vcard",
    ".md": "text/markdown", ".rtf": "application/rtf",
    ".pdf": "application/pdf", ".zip": "application/zip", ".gz": "application/gzip",
    ".7z": "application/x-7z-compressed", ".rar": "application/vnd.rar",
    ".tar": "application/x-tar",
    ".doc": "application/msword", ".dot": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".bmp": "image/bmp", ".svg": "image/svg+xml", ".webp": "image/webp", ".ico": "image/x-icon",
    ".tif": "image/tiff", ".tiff": "image/tiff",
    ".mp3": "audio/mpeg", ".wav": "audio/wav", ".ogg": "audio/ogg",
    ".mp4": "video/mp4", ".avi": "video/x-msvideo", ".mov": "video/quicktime",
    ".eml": "message/rfc822", ".msg": "application/vnd.ms-outlook",
    ".exe": "application/octet-stream", ".bin": "application/octet-stream",
    ".wl": "text/plain", ".ini": "text/plain",
}

DEFAULT = "application/octet-stream"

_fallback = None


def guess(name: str) -> str:
    """The MIME type of a file name (a Windows path is accepted too)."""
    base = PureWindowsPath(name).name if "\\" in name else PurePosixPath(name).name
    suffix = PurePosixPath(base.lower()).suffix
    got = TABLE.get(suffix)
    if got:
        return got
    global _fallback
    if _fallback is None:
        import mimetypes
        # filenames=() keeps only Python's built-in map, never the machine's files.
        _fallback = mimetypes.MimeTypes(filenames=())
    guessed, _ = _fallback.guess_type("x" + suffix, strict=False) if suffix else (None, None)
    return guessed or DEFAULT
