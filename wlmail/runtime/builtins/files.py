"""Text files and INI files, relative to the script's folder.

Reading guesses the encoding the way wlmail reads scripts: a UTF-8 or UTF-16 byte-order
mark wins, then valid UTF-8, else Windows-1252 (what WINDEV wrote for decades). Writing
uses UTF-8 without a BOM unless a format constant asks otherwise; INIWrite keeps the
encoding and line ends the file already has.

Failures are non-fatal: False (or "" for fLoadText), ErrorOccurred, and ErrorInfo()
naming the file and the cause.
"""
from __future__ import annotations

import codecs
import errno
import ntpath
import os
from pathlib import Path
from typing import Any

from ...registry import Declarations
from ..context import Context
from ..errors import Err, WLFatal
from ..values import CR, to_buffer
from .arguments import integer, text

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()

FO_ANSI = 1
FO_UNICODE = 2
FO_UTF8 = 3
DECLARE.constant("foAnsi", "foAnsi", value=FO_ANSI, doc="Windows-1252 text")
DECLARE.constant("foUnicode", "foUnicode", value=FO_UNICODE, doc="UTF-16 text with a byte-order mark")
DECLARE.constant("foUTF8", "foUTF8", value=FO_UTF8, doc="UTF-8 text with a byte-order mark")

F_DRIVE = 1
F_DIRECTORY = 2
F_FILE = 4
F_EXTENSION = 8
DECLARE.constant("fDrive", "fDisque", value=F_DRIVE, doc="fExtractPath: the drive (\"C:\")")
DECLARE.constant("fDirectory", "fRépertoire", value=F_DIRECTORY,
                 doc="fExtractPath: the folder, with its separators")
DECLARE.constant("fFile", "fFichier", value=F_FILE, doc="fExtractPath: the file name without extension")
DECLARE.constant("fExtension", "fExtension", value=F_EXTENSION,
                 doc="fExtractPath: the extension, with its dot")


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    # The five bytes Windows-1252 leaves undefined map to the same code points, as
    # Windows itself does, so no byte is ever lost.  (Only decoding registers it.)
    assert isinstance(err, UnicodeDecodeError)
    return err.object[err.start:err.end].decode("latin-1"), err.end


codecs.register_error("wlmail-cp1252", _cp1252_fallback)


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a file and the encoding it was read with (to write it back alike)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", "replace"), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return data.decode("utf-16", "replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", "wlmail-cp1252"), "cp1252"


def _path(rt: Context, fn: str, value: Any, what: str = "the file name") -> Path:
    name = text(fn, value, what)
    if "\0" in name:
        # No system accepts it; it comes from a buffer or a binary file read as a name.
        raise WLFatal(f"{fn}: {what} contains a NUL character (Charact(0))", Err.ARGUMENT_TYPE)
    try:
        return rt.resolve_path(name)
    except OSError:
        # resolve_path asks whether a name holding "\\" exists as it is; a name too long
        # for the system cannot, so it gets the other reading: "\\" separates folders.
        return rt.resolve_path(name.replace("\\", os.sep))


def _encoding_for(fn: str, fmt: Any) -> str:
    if fmt is None:
        return "utf-8"
    f = integer(fn, fmt, "the format")
    try:
        return {FO_ANSI: "cp1252", FO_UNICODE: "utf-16", FO_UTF8: "utf-8-sig"}[f]
    except KeyError:
        raise WLFatal(f"{fn}: {f} is not a file format (use foAnsi, foUnicode or foUTF8)",
                      Err.BAD_OPTION) from None


def _os_failure(rt: Context, fn: str, action: str, path: Path, exc: OSError,
                result: Any = False) -> Any:
    if isinstance(exc, FileNotFoundError) or exc.errno == errno.ENOENT:
        return rt.fail(Err.FILE_NOT_FOUND, f'{fn}: cannot {action} "{path}": file not found',
                       f"{exc.strerror} (errno {exc.errno})", counted=False, result=result)
    reason = (exc.strerror or str(exc)).lower()
    return rt.fail(Err.FILE_ERROR, f'{fn}: cannot {action} "{path}": {reason}',
                   f"{exc.strerror} (errno {exc.errno})", counted=False, result=result)


def _encode(rt: Context, fn: str, path: Path, content: str, encoding: str) -> bytes | None:
    try:
        return content.encode(encoding)
    except UnicodeEncodeError as e:
        rt.fail(Err.FILE_ERROR, f'{fn}: cannot write "{path}": the character '
                f'{content[e.start]!r} has no {encoding} code', counted=False)
        return None


@DECLARE.function("fLoadText", "fChargeTexte", fallible=True, domain="file", returns="string", example="""
    text is string = fLoadText("no-such-file.txt")
    IF ErrorOccurred THEN Trace("not read: " + ErrorInfo())
""")
def f_load_text(rt: Context, path: Any, fmt: Any = None) -> str:
    """The whole content of a text file ("" on failure). The encoding is detected
    (BOM, UTF-8, else Windows-1252) unless foAnsi, foUnicode or foUTF8 is given."""
    p = _path(rt, "fLoadText", path)
    encoding = None if fmt is None else _encoding_for("fLoadText", fmt)
    try:
        data = p.read_bytes()
    except OSError as e:
        return _os_failure(rt, "fLoadText", "read", p, e, result="")
    if encoding is None:
        return decode_text(data)[0]
    if encoding == "cp1252":
        return data.decode("cp1252", "wlmail-cp1252")
    return data.decode(encoding, "replace")


@DECLARE.function("fLoadBuffer", "fChargeBuffer", fallible=True, domain="file", returns="buffer")
def f_load_buffer(rt: Context, path: Any) -> bytes:
    """The whole content of a file as a buffer, byte for byte (an empty buffer on failure):
    what an attachment's Content takes."""
    p = _path(rt, "fLoadBuffer", path)
    try:
        return p.read_bytes()
    except OSError as e:
        return _os_failure(rt, "fLoadBuffer", "read", p, e, result=b"")


@DECLARE.function("fSaveBuffer", "fSauveBuffer", fallible=True, domain="file", returns="boolean")
def f_save_buffer(rt: Context, path: Any, content: Any) -> bool:
    """Create or replace a file with the bytes of a buffer (a string is written as UTF-8)."""
    p = _path(rt, "fSaveBuffer", path)
    data = content if isinstance(content, bytes) else to_buffer(content)
    try:
        with open(p, "wb") as f:
            f.write(data)
    except OSError as e:
        return _os_failure(rt, "fSaveBuffer", "write", p, e)
    return True


def _write(rt: Context, fn: str, path: Any, content: Any, fmt: Any, mode: str) -> bool:
    p = _path(rt, fn, path)
    if isinstance(content, bytes):
        data = content
    else:
        body = text(fn, content, "the content")
        encoding = _encoding_for(fn, fmt)
        if mode == "ab" and fmt is None:
            encoding = _append_encoding(p)
        encoded = _encode(rt, fn, p, body, encoding)
        if encoded is None:
            return False
        data = encoded
        if mode == "ab" and encoding in ("utf-16", "utf-8-sig") and _nonempty(p):
            # The file already starts with its byte-order mark: append bare text.
            data = body.encode("utf-16-le" if encoding == "utf-16" else "utf-8")
    try:
        with open(p, mode) as f:
            f.write(data)
    except OSError as e:
        return _os_failure(rt, fn, "write", p, e)
    return True


def _nonempty(p: Path) -> bool:
    try:
        return p.stat().st_size > 0
    except OSError:
        return False


def _append_encoding(p: Path) -> str:
    """Appending keeps a UTF-16 file UTF-16; anything else gets UTF-8."""
    try:
        with open(p, "rb") as f:
            head = f.read(2)
    except OSError:
        return "utf-8"
    return "utf-16" if head == codecs.BOM_UTF16_LE else "utf-8"


@DECLARE.function("fSaveText", "fSauveTexte", fallible=True, domain="file", returns="boolean", example="""
    IF fSaveText(fCurrentDir() + fSep() + "wlmail-example.txt", "Hello") THEN
        Trace(fLoadText(fCurrentDir() + fSep() + "wlmail-example.txt"))   // Hello
        fDelete(fCurrentDir() + fSep() + "wlmail-example.txt")
    END
""")
def f_save_text(rt: Context, path: Any, content: Any, fmt: Any = None) -> bool:
    """Create or replace a text file with `content` (UTF-8 unless foAnsi, foUnicode or foUTF8)."""
    return _write(rt, "fSaveText", path, content, fmt, "wb")


@DECLARE.function("fAddText", "fAjouteTexte", fallible=True, domain="file", returns="boolean")
def f_add_text(rt: Context, path: Any, content: Any, fmt: Any = None) -> bool:
    """Append `content` at the end of a text file, creating it when missing."""
    return _write(rt, "fAddText", path, content, fmt, "ab")


@DECLARE.function("fFileExist", "fFichierExiste", returns="boolean")
def f_file_exist(rt: Context, path: Any) -> bool:
    """True when the file (or folder) exists."""
    # os.path.exists answers False for a name the system refuses (too long...).
    return os.path.exists(_path(rt, "fFileExist", path))


@DECLARE.function("fDirExist", "fRépertoireExiste", returns="boolean")
def f_dir_exist(rt: Context, path: Any) -> bool:
    """True when the folder exists."""
    return os.path.isdir(_path(rt, "fDirExist", path))


@DECLARE.function("fSize", "fTaille", fallible=True, domain="file", returns="int")
def f_size(rt: Context, path: Any) -> int:
    """The size of a file in bytes, -1 on failure."""
    p = _path(rt, "fSize", path)
    try:
        return p.stat().st_size
    except OSError as e:
        return _os_failure(rt, "fSize", "read", p, e, result=-1)


@DECLARE.function("fDelete", "fSupprime", fallible=True, domain="file", returns="boolean")
def f_delete(rt: Context, path: Any) -> bool:
    """Delete a file."""
    p = _path(rt, "fDelete", path)
    try:
        p.unlink()
    except OSError as e:
        return _os_failure(rt, "fDelete", "delete", p, e)
    return True


@DECLARE.function("fCopyFile", "fCopieFichier", fallible=True, domain="file", returns="boolean")
def f_copy_file(rt: Context, source: Any, destination: Any) -> bool:
    """Copy a file (an existing destination is replaced)."""
    fn = "fCopyFile"
    src, dst = _path(rt, fn, source, "the source"), _path(rt, fn, destination, "the destination")
    import shutil  # here, not at each start: it pulls in bz2, lzma and zlib
    try:
        shutil.copyfile(src, dst)
    except OSError as e:
        return _os_failure(rt, "fCopyFile", "copy", dst if os.path.exists(src) else src, e)
    return True


@DECLARE.function("fRename", "fRenomme", fallible=True, domain="file", returns="boolean")
def f_rename(rt: Context, source: Any, destination: Any) -> bool:
    """Rename or move a file."""
    fn = "fRename"
    src, dst = _path(rt, fn, source, "the source"), _path(rt, fn, destination, "the destination")
    try:
        os.replace(src, dst)
    except OSError as e:
        return _os_failure(rt, "fRename", "rename", src, e)
    return True


@DECLARE.function("fMakeDir", "fRepCrée", fallible=True, domain="file", returns="boolean")
def f_make_dir(rt: Context, path: Any) -> bool:
    """Create a folder and any missing parent folders."""
    p = _path(rt, "fMakeDir", path)
    try:
        p.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return _os_failure(rt, "fMakeDir", "create", p, e)
    return True


@DECLARE.function("fCurrentDir", "fRepEnCours", returns="string")
def f_current_dir(rt: Context) -> str:
    """The script's folder (relative paths are resolved against it), without a final separator."""
    return str(rt.script_dir)


@DECLARE.function("fSep", "fSep", returns="string")
def f_sep(rt: Context) -> str:
    """The path separator of this system ("/" on Linux and macOS, "\\" on Windows)."""
    return os.sep


@DECLARE.function("fExtractPath", "fExtraitChemin", returns="string")
def f_extract_path(rt: Context, path: Any, parts: Any) -> str:
    """Parts of a path joined in order: fDrive, fDirectory (with its separators),
    fFile (name without extension), fExtension (with its dot), combined with `+`.
    Both / and \\ separate folders."""
    name = text("fExtractPath", path, "the path")
    want = integer("fExtractPath", parts, "the parts")
    drive, rest = ntpath.splitdrive(name) if "\\" in name or name[1:2] == ":" else ("", name)
    cut = max(rest.rfind("/"), rest.rfind("\\"))
    folder, name = rest[:cut + 1], rest[cut + 1:]
    stem, dot, ext = name.rpartition(".")
    if not dot or stem == "":
        stem, ext = name, ""
    else:
        ext = "." + ext
    out = ""
    if want & F_DRIVE:
        out += drive
    if want & F_DIRECTORY:
        out += folder
    if want & F_FILE:
        out += stem
    if want & F_EXTENSION:
        out += ext
    return out


# -- INI files ---------------------------------------------------------------
# Parsed by hand, not with configparser: INI files as Windows reads them keep the keys'
# case, allow duplicate keys (the first wins), and accept lines configparser refuses.

def _norm(name: str) -> str:
    return name.strip().lower()


def _section_of(line: str) -> str | None:
    s = line.strip()
    if s.startswith("[") and "]" in s:
        return s[1:s.index("]")].strip()
    return None


def _key_value(line: str) -> tuple[str, str] | None:
    s = line.strip()
    if not s or s[0] in ";#" or "=" not in s:
        return None
    key, _, value = s.partition("=")
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return key.strip(), value


def _read_ini(p: Path) -> tuple[list[str], str, str]:
    """Lines, encoding and line end of an INI file (OSError when it cannot be read)."""
    content, encoding = decode_text(p.read_bytes())
    newline = "\r\n" if "\r\n" in content else "\n" if "\n" in content else os.linesep
    return content.splitlines(), encoding, newline


@DECLARE.function("INIRead", "INILit", returns="string")
def ini_read(rt: Context, section: Any, key: Any, default: Any, path: Any) -> str:
    """The value of `key` in `[section]` of an INI file, or `default` when the file,
    the section or the key is missing. An empty section gives the list of sections,
    an empty key the list of the section's keys (one per line, CR-separated)."""
    fn = "INIRead"
    fallback = text(fn, default, "the default")
    want_section = _norm(text(fn, section, "the section"))
    want_key = _norm(text(fn, key, "the key"))
    try:
        lines = _read_ini(_path(rt, fn, path))[0]
    except OSError:
        return fallback
    if want_section == "":
        names = [s for s in (_section_of(line) for line in lines) if s is not None]
        return CR.join(names) if names else fallback
    current: str | None = None
    keys: list[str] = []
    in_section = False
    for line in lines:
        sec = _section_of(line)
        if sec is not None:
            current = _norm(sec)
            in_section = in_section or current == want_section
            continue
        if current != want_section:
            continue
        kv = _key_value(line)
        if kv is None:
            continue
        if want_key == "":
            keys.append(kv[0])
        elif _norm(kv[0]) == want_key:
            return kv[1]
    if want_key == "" and in_section:
        return CR.join(keys) if keys else fallback
    return fallback


@DECLARE.function("INIWrite", "INIEcrit", fallible=True, domain="file", returns="boolean")
def ini_write(rt: Context, section: Any, key: Any, value: Any, path: Any) -> bool:
    """Set `key` in `[section]` of an INI file, creating the key, the section or the
    file as needed; the rest of the file is kept as it was."""
    fn = "INIWrite"
    sec_name = text(fn, section, "the section").strip()
    key_name = text(fn, key, "the key").strip()
    value_text = text(fn, value, "the value")
    if not sec_name or not key_name:
        raise WLFatal("INIWrite: the section and the key must not be empty", Err.ARGUMENT_TYPE)
    p = _path(rt, "INIWrite", path)
    if "\r" in value_text or "\n" in value_text:
        return rt.fail(Err.FILE_ERROR, f'INIWrite: cannot write "{p}": the value of '
                       f'{key_name} holds a line break, which an INI file cannot keep',
                       counted=False)
    try:
        lines, encoding, newline = _read_ini(p)
    except FileNotFoundError:
        lines, encoding, newline = [], "utf-8", os.linesep
    except OSError as e:
        return _os_failure(rt, "INIWrite", "read", p, e)
    entry = f"{key_name}={value_text}"
    want_s, want_k = _norm(sec_name), _norm(key_name)
    current: str | None = None
    section_end: int | None = None   # index after the last non-blank line of the section
    for i, line in enumerate(lines):
        sec = _section_of(line)
        if sec is not None:
            current = _norm(sec)
            if current == want_s and section_end is None:
                section_end = i + 1
            continue
        if current != want_s:
            continue
        kv = _key_value(line)
        if kv is not None and _norm(kv[0]) == want_k:
            lines[i] = f"{kv[0]}={value_text}"
            break
        if line.strip() and section_end is not None:
            section_end = i + 1
    else:
        if section_end is None:
            if lines and lines[-1].strip():
                lines.append("")
            lines += [f"[{sec_name}]", entry]
        else:
            lines.insert(section_end, entry)
    data = _encode(rt, "INIWrite", p, newline.join(lines) + newline, encoding)
    if data is None:
        return False
    try:
        p.write_bytes(data)
    except OSError as e:
        return _os_failure(rt, "INIWrite", "write", p, e)
    return True
