"""The parse cache (wlmail/syntax/cache.py): a cached parse is the parse; an entry is JSON
holding no literal of the script; only the user's own private folders and files are read."""
from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any

import pytest

from wlmail.syntax import ast, cache, parser
from wlmail.syntax.source import ParseError

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = sorted(p for d in ("samples", "tests") for p in (ROOT / d).rglob("*.wl"))
SECRET = 'Session is emailSMTPSession\nSession.Password = "s3cr3t-Xq7"\nPin is int = 918273645\n' \
         'Info(Session.Password, Pin, -2.5, 0x1F)\n'


def _shape(value: Any) -> Any:
    if isinstance(value, ast.Node):
        return (type(value).__name__, [_shape(getattr(value, k, None)) for k in
                                       ("line", "column", "file", *value._fields)])
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_shape(v) for v in value])
    return (type(value).__name__, value)


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("WLMAIL_NO_PARSE_CACHE", raising=False)
    return tmp_path / "xdg" / "wlmail" / "parse"


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the parser itself was asked for (a cache miss)."""
    seen: list[str] = []
    real = parser.parse_with_origins

    def counting(text: str, file: str, interpolate: bool = False, *rest: Any) -> Any:
        seen.append(file)
        return real(text, file, interpolate, *rest)   # rest: the <COMPILE IF> configuration
    monkeypatch.setattr(parser, "parse_with_origins", counting)
    return seen


def test_a_cached_parse_is_the_parse(folder: Path, parses: list[str]) -> None:
    cached = 0
    for path in SCRIPTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        for interpolate in (False, True):
            try:
                expected = _shape(parser.parse(text, str(path), interpolate))
            except ParseError:
                continue
            assert _shape(cache.parse_cached(text, str(path), interpolate)) == expected
            before = len(parses)
            again = cache.parse_cached(text, str(path), interpolate)
            assert _shape(again) == expected, path
            assert again.text == text
            cached += len(parses) == before
    assert cached > 60  # nearly all of them came from the cache the second time


def test_entries_hold_no_literal_of_the_script(folder: Path, parses: list[str]) -> None:
    first = cache.parse_cached(SECRET, "secret.wl")
    (entry,) = folder.iterdir()
    data = entry.read_bytes()
    for literal in (b"s3cr3t", b"918273645", b"2.5", b"0x1F", b"31"):
        assert literal not in data
    assert data.startswith(b'{"format":')  # JSON, not a pickle
    again = cache.parse_cached(SECRET, "secret.wl")
    assert parses == ["secret.wl"]
    assert _shape(again) == _shape(first)
    values = [n.value for n in _walk(again) if isinstance(n, ast.Literal)]
    assert "s3cr3t-Xq7" in values and 918273645 in values and -2.5 in values and 31 in values


def test_literals_inside_interpolation_are_not_cached(folder: Path, parses: list[str]) -> None:
    text = 'n is int\nInfo("total: [% n + 918273645 %] items")\n'
    for _ in range(2):
        cache.parse_cached(text, "i.wl", interpolate=True)
    assert parses == ["i.wl", "i.wl"]
    assert not folder.exists() or not list(folder.iterdir())
    plain = 'n is int\nInfo("total: [% n %] items")\n'  # text pieces only: cached, as positions
    for _ in range(2):
        program = cache.parse_cached(plain, "j.wl", interpolate=True)
    assert parses.count("j.wl") == 1
    (part,) = [n for n in _walk(program) if isinstance(n, ast.Interpolated)]
    assert [p for p in part.parts if isinstance(p, str)] == ["total: ", " items"]


def test_folders_and_files_are_private(folder: Path) -> None:
    cache.parse_cached(SECRET, "secret.wl")
    (entry,) = folder.iterdir()
    assert folder.stat().st_mode & 0o777 == 0o700
    assert folder.parent.stat().st_mode & 0o777 == 0o700
    assert entry.stat().st_mode & 0o777 == 0o600


def test_an_open_folder_of_ours_is_closed_again(folder: Path, parses: list[str]) -> None:
    cache.parse_cached(SECRET, "secret.wl")
    os.chmod(folder.parent, 0o755)  # as older versions left it
    cache.parse_cached(SECRET, "secret.wl")
    assert parses == ["secret.wl"]
    assert folder.parent.stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("spoil", ["mode", "owner", "link"])
def test_an_entry_that_is_not_private_is_not_read(folder: Path, parses: list[str],
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  tmp_path: Path, spoil: str) -> None:
    cache.parse_cached(SECRET, "secret.wl")
    (entry,) = folder.iterdir()
    if spoil == "mode":
        os.chmod(entry, 0o644)
    elif spoil == "owner":
        real_uid = os.getuid()
        monkeypatch.setattr(os, "getuid", lambda: real_uid + 1)  # the files are not "ours"
    else:
        target = tmp_path / "elsewhere.json"
        os.replace(entry, target)
        entry.symlink_to(target)
    program = cache.parse_cached(SECRET, "secret.wl")
    assert parses == ["secret.wl", "secret.wl"]
    assert isinstance(program, ast.Program)


def test_a_pickle_planted_as_an_entry_is_never_unpickled(folder: Path, parses: list[str],
                                                         tmp_path: Path) -> None:
    marker = tmp_path / "ran"

    class Payload:
        def __reduce__(self) -> Any:
            return (os.mkdir, (str(marker),))
    cache.parse_cached(SECRET, "secret.wl")
    (entry,) = folder.iterdir()
    entry.write_bytes(pickle.dumps(Payload()))
    program = cache.parse_cached(SECRET, "secret.wl")
    assert not marker.exists()
    assert parses == ["secret.wl", "secret.wl"] and isinstance(program, ast.Program)


def test_an_entry_naming_a_class_outside_the_ast_is_refused(folder: Path,
                                                            parses: list[str]) -> None:
    cache.parse_cached(SECRET, "secret.wl")
    (entry,) = folder.iterdir()
    head, body = entry.read_bytes().split(b"\n", 1)
    entry.write_bytes(head + b"\n" + body.replace(b'"@":"Program"', b'"@":"Path"', 1))
    assert isinstance(cache.parse_cached(SECRET, "secret.wl"), ast.Program)
    assert parses == ["secret.wl", "secret.wl"]


def test_the_cache_can_be_turned_off(folder: Path, parses: list[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WLMAIL_NO_PARSE_CACHE", "1")
    cache.parse_cached(SECRET, "secret.wl")
    cache.parse_cached(SECRET, "secret.wl")
    assert parses == ["secret.wl", "secret.wl"] and not folder.exists()


def _walk(value: Any) -> Any:
    if isinstance(value, ast.Node):
        yield value
        for k in value._fields:
            yield from _walk(getattr(value, k, None))
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _walk(v)


def test_a_tree_is_cached_per_configuration(folder: Path, parses: list[str]) -> None:
    # <COMPILE IF> chooses its branch while parsing: another configuration is another tree.
    from wlmail.syntax.compilation import Configuration
    text = '<COMPILE IF Configuration = "Linux64">\nTrace(1)\n<ELSE>\nTrace(2)\n<END>\n'
    default = cache.parse_cached(text, "c.wl")
    linux = cache.parse_cached(text, "c.wl", configuration=Configuration("Linux64"))
    assert len(default.body[0].body) == len(linux.body[0].body) == 1
    assert default.body[0].body[0].expr.args[0].value == 2
    assert linux.body[0].body[0].expr.args[0].value == 1
    cache.parse_cached(text, "c.wl")
    cache.parse_cached(text, "c.wl", configuration=Configuration("Linux64"))
    assert parses == ["c.wl", "c.wl"]
