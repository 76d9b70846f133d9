"""What a new user gets from `pip install .`: build the sdist and, from it, the wheel
(`python -m build --no-isolation`, with the dev venv's own setuptools), install the wheel
with pip into a fresh virtual environment in a temporary folder, and use the installed
`wlmail` command there, with its working folder outside the checkout: a sample in capture
mode, and `wlmail check` on the WINDEV documentation's example.

The fresh venv has no pip and downloads nothing: pip runs from the dev venv (`pip
--python`), and one `.pth` line adds a folder of links to the dev venv's copies of the
wheel's declared dependencies, and of theirs, and nothing else (not the test tools, not
Lark, not the checkout): a dependency missing from pyproject.toml fails here.  Python does
not read the `.pth` files of a folder a `.pth` line adds, so no editable finder is loaded:
wlmail can only come from the wheel (a test checks `wlmail.__file__`).  How this was
chosen: docs/packaging.md."""
from __future__ import annotations

import importlib.metadata
import importlib.util
import mailbox
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement

from wlmail import __version__

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = "wlmail/grammar/wlanguage.lark"
TABLES = "wlmail/syntax/tables_generated.py"
SEEDS = ROOT.parent / "shared" / "seeds"


@dataclass
class Installed:
    dist: Path       # the built sdist and wheel
    venv: Path
    work: Path       # the user's folder: samples copied there, cwd of every command
    env: dict[str, str]

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=self.work, env=self.env, capture_output=True,
                              text=True, timeout=120, check=False)

    @property
    def wlmail(self) -> str:
        return str(self.venv / "bin" / "wlmail")

    @property
    def python(self) -> str:
        return str(self.venv / "bin" / "python")


def _link_dependencies(wheel: Path, folder: Path) -> list[str]:
    """Links in `folder` to the dev venv's copies of what the wheel requires, recursively."""
    with zipfile.ZipFile(wheel) as whl:
        meta = whl.read(f"wlmail-{__version__}.dist-info/METADATA").decode()
    wanted = [line.split(":", 1)[1].strip() for line in meta.splitlines()
              if line.startswith("Requires-Dist:")]
    folder.mkdir()
    seen: set[str] = set()
    while wanted:
        req = Requirement(wanted.pop())
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        key = req.name.lower().replace("_", "-")
        if key in seen:
            continue
        seen.add(key)
        try:
            dist = importlib.metadata.distribution(req.name)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(f"{req.name} (required by the wheel) is not installed in {sys.prefix}")
        for top in {Path(str(f)).parts[0] for f in dist.files or ()} - {"..", "__pycache__"}:
            target = Path(str(dist.locate_file(top)))
            if target.exists() and not (folder / top).exists():
                (folder / top).symlink_to(target)
        wanted += dist.requires or []
    return sorted(seen)


def _step(what: str, cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False,
                          **kw)  # type: ignore[call-overload]
    if done.returncode != 0:
        pytest.fail(f"{what} failed ({done.returncode}): {' '.join(cmd)}\n"
                    f"{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    for module, why in (("build", "builds the sdist and the wheel"),
                        ("setuptools", "is the build backend"),
                        ("pip", "installs the wheel")):
        if importlib.util.find_spec(module) is None:
            pytest.fail(f"`{module}` ({why}) is missing from {sys.prefix}: run "
                        "`python3 tools/bootstrap.py` (pyproject.toml's `test` extra lists it)")
    base = tmp_path_factory.mktemp("packaging")
    dist, venv, work = base / "dist", base / "venv", base / "work"
    # PYTHONPATH would let the checkout leak into the fresh venv; the build gets it too.
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH")}
    # Build from a clean copy: a stale wlmail.egg-info in the checkout lists files that
    # setuptools would then ship whatever pyproject.toml says (and the checkout stays clean).
    # The tool caches are left out too: mypy and ruff write theirs while tests/test_habits.py
    # runs beside this test, and a file that vanishes mid-copy fails the copy.
    source = base / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis", "build",
        "dist", ".mypy_cache", ".ruff_cache"))
    _step("building the sdist and the wheel",
          [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(source)],
          env=env)
    _step("creating the fresh venv", [sys.executable, "-m", "venv", "--without-pip", str(venv)])
    (wheel,) = dist.glob("wlmail-*.whl")
    _step("installing the wheel",
          [sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install",
           "--no-deps", "--no-index", "--no-cache-dir", "--disable-pip-version-check", "-q",
           str(wheel)], env=env)
    site = _step("asking the fresh venv for its site-packages",
                 [str(venv / "bin" / "python"), "-c",
                  "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                 env=env).stdout.strip()
    # The dependencies (aiosmtplib, authlib...) come from the dev venv, after wlmail.
    deps = base / "dependencies"
    _link_dependencies(wheel, deps)
    Path(site, "wlmail_test_dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    shutil.copytree(ROOT / "samples", work)
    env.update(XDG_CACHE_HOME=str(base / "cache"), XDG_STATE_HOME=str(base / "state"))
    return Installed(dist, venv, work, env)


def test_the_wheel_and_the_sdist_ship_the_grammar(installed: Installed) -> None:
    (sdist,) = installed.dist.glob("wlmail-*.tar.gz")
    (wheel,) = installed.dist.glob("wlmail-*.whl")
    with tarfile.open(sdist) as tar, zipfile.ZipFile(wheel) as whl:
        for name in (GRAMMAR, TABLES):
            source = (ROOT / name).read_bytes()
            member = tar.extractfile(f"wlmail-{__version__}/{name}")
            assert member is not None and member.read() == source, name
            assert whl.read(name) == source, name
        assert f"wlmail-{__version__}/wlmail/py.typed" in tar.getnames()
        assert "wlmail/py.typed" in whl.namelist()


def test_wlmail_is_imported_from_the_fresh_venv(installed: Installed) -> None:
    done = installed.run(installed.python, "-c",
                         "import wlmail, aiosmtplib; print(wlmail.__file__); "
                         "print(aiosmtplib.__file__)")
    assert done.returncode == 0, done.stderr
    wlmail_file, dependency_file = done.stdout.splitlines()
    assert Path(wlmail_file).is_relative_to(installed.venv), wlmail_file
    assert Path(dependency_file).is_relative_to(installed.venv.parent / "dependencies")
    # Only the declared dependencies: neither the test tools nor Lark.
    done = installed.run(installed.python, "-c", "import lark")
    assert done.returncode == 1 and "ModuleNotFoundError" in done.stderr
    done = installed.run(installed.wlmail, "--version")
    assert (done.returncode, done.stdout) == (0, f"wlmail {__version__}\n"), done.stderr


def test_a_sample_runs_in_capture_mode(installed: Installed) -> None:
    done = installed.run(installed.wlmail, "run", "--capture", "outbox", "send_email.wl")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Message sent to bob@example.org.\ncaptured: ")
    (msg,) = list(mailbox.Maildir(installed.work / "outbox", create=False))
    assert msg["Subject"] == "Hello from a WLanguage script"
    assert msg["To"] == "bob@example.org"
    assert msg["X-Wlmail-TLS"] == "starttls"


def test_the_readme_sample_runs_in_capture_mode(installed: Installed) -> None:
    # OAuth (a synthetic token) and an attachment read beside the script.
    done = installed.run(installed.wlmail, "run", "--capture", "box", "send_with_oauth.wl")
    assert done.returncode == 0, done.stderr
    assert "synthetic token" in done.stdout
    (msg,) = list(mailbox.Maildir(installed.work / "box", create=False))
    assert msg["X-Wlmail-Auth"].startswith("XOAUTH2 ")
    assert [p.get_filename() for p in msg.walk() if p.get_filename()] == \
        ["email_attachment_report.csv"]


def test_check_on_the_documentation_example(installed: Installed) -> None:
    pages = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    assert pages, f"the WINDEV documentation page is expected in {SEEDS}"
    example = re.search(r"```wl\n(.*?)```", pages[0].read_text(encoding="utf-8"), re.S)
    assert example, pages[0]
    (installed.work / "doc_example.wl").write_text(example.group(1), encoding="utf-8")
    done = installed.run(installed.wlmail, "check", "doc_example.wl")
    # Clean but for the one warning: the documentation writes a password in the script.
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.endswith("doc_example.wl: 0 errors, 1 warning\n"), done.stdout
    assert "a password is written in the script" in done.stdout
    assert done.stderr == ""
