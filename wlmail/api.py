"""Running and checking scripts from Python, as `wlmail run` and `wlmail check` do:

    from wlmail.api import RunOptions, check, run
    status = run("nightly.wl", RunOptions(capture_dir="/tmp/mail"))

Both fill the registry with every domain first (wlmail.domains.load_all), then hand the
script to the interpreter; the result is the exit status the command line would give.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .domains import load_all
from .errors import UsageError
from .runtime import interpreter
from .runtime.context import RunOptions

if TYPE_CHECKING:
    from .project import Project


def run(path: str, options: RunOptions | None = None, stdout: TextIO | None = None,
        stderr: TextIO | None = None, stdin: TextIO | None = None,
        text: str | None = None) -> int:
    """`text` is the script itself, shown as `path` (`wlmail run -` reads it from stdin)."""
    load_all()
    return interpreter.run(path, options or RunOptions(), stdout=stdout, stderr=stderr,
                           stdin=stdin, text=text)


def check(path: str, options: RunOptions, out: TextIO, text: str | None = None) -> int:
    load_all()
    return interpreter.check(path, options, out, text)


def is_project(path: str) -> bool:
    """A folder, a WINDEV project file or element file: what `check` reads as a project
    (anything else is a script)."""
    p = Path(path)
    if p.is_dir():
        return True
    if not p.is_file() or p.suffix.lower() in ("", ".wl"):
        return False
    # only for a file that is not a script: wlmail.project imports PyYAML
    from .project.kinds import ELEMENT_EXTENSIONS
    return p.suffix.lower() in ELEMENT_EXTENSIONS


def _open(path: str) -> Project:
    # wlmail.project (and PyYAML) are imported by the project commands only: a plain
    # `wlmail run` does not pay for them at start-up.
    from .project import open_project
    if not Path(path).exists():
        raise UsageError(path, "no such file or folder")
    return open_project(path)


def inventory(path: str, out: TextIO, as_json: bool = False, as_html: bool = False) -> int:
    """`wlmail inventory PATH`: 0, or 1 when an element could not be read."""
    from .project.inventory import inventory as take
    from .project.report import write_json, write_text
    registry = load_all()
    found = take(_open(path), registry)
    if as_html:
        from .project.html_report import write_html
        write_html(found, out)
    else:
        (write_json if as_json else write_text)(found, out)
    return 1 if found.unreadable else 0


def check_project(path: str, out: TextIO) -> int:
    """`wlmail check FOLDER`: every problem of every block; 1 when there is an error or an
    element could not be read."""
    from .project.check import check_project as check_all
    return check_all(_open(path), load_all(), out)


def run_project(path: str, options: RunOptions, driver: str | None = None,
                procedure: str | None = None, stdout: TextIO | None = None,
                stderr: TextIO | None = None, stdin: TextIO | None = None) -> int:
    """`wlmail run --project PATH script.wl` (a driver) or `wlmail run PATH --procedure
    NAME -- ARGS` (one procedure, called with options.args): docs/projects.md."""
    from .project.run import build
    registry = load_all()
    project = _open(path)
    if driver is not None and not Path(driver).is_file():
        raise UsageError(driver, "no such script")
    args = [] if driver is not None else list(options.args)
    shown, checked = build(project, driver, procedure, args, registry,
                            options.encoding, options.interpolate)
    return interpreter.run(shown, options, stdout=stdout, stderr=stderr, stdin=stdin,
                           checked=checked)


__all__ = ["RunOptions", "check", "check_project", "inventory", "is_project", "run", "run_project"]
