"""Loading a script and the files it includes with EXTERN."""
from __future__ import annotations

from pathlib import Path

from ..records import field, record
from . import ast
from .cache import parse_cached as parse
from .compilation import DEFAULT, Configuration
from .source import MAX_SOURCE_CHARS, ParseError, decode


@record
class Loaded:
    program: ast.Program
    texts: dict[str, str] = field(default_factory=dict)      # file -> text, for diagnostics
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (file, message)


def read_script(path: str, encoding: str | None = None) -> tuple[str, str | None]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise ParseError(path, 1, 1, "file not found") from None
    except IsADirectoryError:
        raise ParseError(path, 1, 1, "this is a folder, not a script") from None
    except OSError as e:
        raise ParseError(path, 1, 1, f"cannot read the file: {e.strerror}") from None
    if len(data) > MAX_SOURCE_CHARS * 2:
        raise ParseError(path, 1, 1, f"the script is too big ({len(data)} bytes; the limit is "
                                     f"{MAX_SOURCE_CHARS * 2})")
    return decode(data, encoding)


def load(path: str, encoding: str | None = None, interpolate: bool = False,
         text: str | None = None, configuration: Configuration = DEFAULT) -> Loaded:
    """Parse `path` (or `text`, shown as `path`) and every EXTERN file it names."""
    warnings = []
    if text is None:
        text, warning = read_script(path, encoding)
        if warning:
            warnings.append((path, warning))
    program = parse(text, path, interpolate, configuration)
    loaded = Loaded(program, {path: text}, warnings)
    _resolve_externs(program, Path(path).resolve().parent, loaded, encoding, interpolate,
                     {str(Path(path).resolve())}, configuration)
    return loaded


class ExternError(ParseError):
    """A missing or unreadable EXTERN file (exit status 2, like a syntax error)."""


def _resolve_externs(program: ast.Program, folder: Path, loaded: Loaded, encoding: str | None,
                     interpolate: bool, seen: set[str],
                     configuration: Configuration = DEFAULT) -> None:
    # Every EXTERN of the file, in its main code and in its procedures alike; listed
    # before any is read, so the walk does not go into the files it loads.
    externs = [n for n in program.walk(ast.NO_STATEMENTS) if isinstance(n, ast.Extern)]
    for node in externs:
        target = (folder / node.path.replace("\\", "/")).resolve()
        if str(target) in seen:
            raise ExternError(node.file, node.line, node.column,
                              f'EXTERN "{node.path}" includes a file that is already being included')
        if not target.is_file():
            raise ExternError(node.file, node.line, node.column,
                              f'EXTERN "{node.path}": file not found ({target})')
        shown = str(target)
        text, warning = read_script(shown, encoding)
        if warning:
            loaded.warnings.append((shown, warning))
        sub = parse(text, shown, interpolate, configuration)
        loaded.texts[shown] = text
        node.program = sub
        _resolve_externs(sub, target.parent, loaded, encoding, interpolate, seen | {str(target)},
                         configuration)
