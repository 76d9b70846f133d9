#!/usr/bin/env python3
"""Set up wlmail's virtual environment in <repo>/.venv, from nothing but Python 3.11.

Usage: python3 tools/bootstrap.py [--with-browser] [--force]

Works on a fresh Debian 12 where python3-venv and python3-pip may be missing and PEP 668
forbids pip outside a venv:
  1. `python3 -m venv .venv`;
  2. if ensurepip is missing: `python3 -m venv --without-pip .venv`, then pip's wheel from
     PyPI (sha256 checked against PyPI's JSON) installs pip into the venv;
  3. if even that fails: `apt-get install python3-venv` when root, else a clear message.
Then `pip install -e '.[test]'`. A stamp in .venv records pyproject.toml's hash, so a second
run with nothing changed returns at once. `--with-browser` also installs Debian's chromium
(needed by one OAuth test) when it is absent and we are root. Debian's postfix (the tests
start a private instance on loopback) is installed when absent and we are root, preseeded
so that nothing is configured or started, and so are Debian's dovecot-imapd and
dovecot-pop3d (the reading tests start a private Dovecot); otherwise the command to run
is printed.

Standard library only: this runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_NAME = ".venv"
STAMP_NAME = ".wlmail-bootstrap.json"
EXTRAS = "test"
PIP_JSON_URL = "https://pypi.org/pypi/pip/json"
# Bumped when what a stamp promises changes, so old venvs get refreshed once.
STAMP_FORMAT = 1
# Testing hook only: pretend ensurepip is missing to exercise the wheel fallback.
FORCE_NO_ENSUREPIP_ENV = "WLMAIL_BOOTSTRAP_NO_ENSUREPIP"
MIN_PYTHON = (3, 11)

Runner = Callable[..., subprocess.CompletedProcess]


class BootstrapError(Exception):
    """A failure the user can act on; printed without a traceback."""


def say(message: str) -> None:
    print(f"bootstrap: {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- stamp


def stamp_data(pyproject: Path, venv: Path, extras: str = EXTRAS) -> dict:
    """What the installed venv must match; any difference means reinstalling."""
    return {
        "format": STAMP_FORMAT,
        "pyproject_sha256": hashlib.sha256(pyproject.read_bytes()).hexdigest(),
        "extras": extras,
        # A venv is tied to its base interpreter and to its own absolute path (script shebangs).
        "python": os.path.realpath(sys.executable),
        "python_version": list(sys.version_info[:3]),
        "venv": str(venv.resolve()),
    }


def read_stamp(venv: Path) -> dict | None:
    try:
        data = json.loads((venv / STAMP_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def write_stamp(venv: Path, data: dict) -> None:
    target = venv / STAMP_NAME
    tmp = target.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, target)


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def is_up_to_date(venv: Path, expected: dict) -> bool:
    # os.path.exists follows the symlink: a venv whose base Python vanished is not up to date.
    if not os.path.exists(venv_python(venv)) or not (venv / "bin" / "wlmail").exists():
        return False
    return read_stamp(venv) == expected


def venv_matches_python(venv: Path, expected: dict) -> bool:
    """True when an existing venv can be reused (same base Python, same place), even if its
    packages need reinstalling."""
    stamp = read_stamp(venv)
    if stamp is None or not os.path.exists(venv_python(venv)):
        return False
    return all(stamp.get(k) == expected[k] for k in ("python", "python_version", "venv"))


# --------------------------------------------------------------------------- pip wheel


_CLAUSE = re.compile(r"^\s*(~=|===|==|!=|<=|>=|<|>)\s*([0-9]+(?:\.[0-9]+)*)(\.\*)?\s*$")


def _version_tuple(text: str) -> tuple[int, ...] | None:
    if not re.fullmatch(r"[0-9]+(?:\.[0-9]+)*", text):
        return None  # pre-releases, dev and local versions are never picked
    return tuple(int(p) for p in text.split("."))


def _pad(a: tuple[int, ...], n: int) -> tuple[int, ...]:
    return a + (0,) * (n - len(a))


def python_satisfies(requires_python: str | None, version: Sequence[int]) -> bool:
    """Evaluate a Requires-Python specifier (PEP 440 subset that PyPI uses for pip).
    An unparseable clause counts as unsatisfied: better to look at an older release."""
    if not requires_python or not requires_python.strip():
        return True
    have = tuple(version)
    for clause in requires_python.split(","):
        m = _CLAUSE.match(clause)
        if not m:
            return False
        op, text, star = m.group(1), m.group(2), m.group(3)
        want = tuple(int(p) for p in text.split("."))
        if star:
            if op not in ("==", "!="):
                return False
            prefix_equal = _pad(have, len(want))[: len(want)] == want
            if prefix_equal != (op == "=="):
                return False
            continue
        n = max(len(want), len(have))
        h, w = _pad(have, n), _pad(want, n)
        if op == "~=":
            if len(want) < 2:
                return False
            if not (h >= w and _pad(have, len(want))[: len(want) - 1] == want[:-1]):
                return False
        elif op in ("==", "==="):
            if h != w:
                return False
        elif op == "!=":
            if h == w:
                return False
        elif op == ">=":
            if h < w:
                return False
        elif op == ">":
            if h <= w:
                return False
        elif op == "<=":
            if h > w:
                return False
        elif op == "<" and h >= w:
            return False
    return True


def _usable_wheel(entry: dict, python_version: Sequence[int]) -> bool:
    return (
        entry.get("packagetype") == "bdist_wheel"
        and str(entry.get("filename", "")).endswith("-py3-none-any.whl")
        and not entry.get("yanked", False)
        and bool((entry.get("digests") or {}).get("sha256"))
        and python_satisfies(entry.get("requires_python"), python_version)
    )


def select_pip_wheel(
    index: dict, python_version: Sequence[int], base_url: str = PIP_JSON_URL
) -> tuple[str, str, str]:
    """From PyPI's JSON for pip, pick the newest universal wheel this Python can run.
    Returns (absolute url, sha256, filename)."""
    candidates: list[dict] = list(index.get("urls") or [])
    releases = index.get("releases") or {}
    # Only when the latest release does not fit (e.g. it dropped this Python) look further back.
    by_version = {v: k for k in releases if (v := _version_tuple(k)) is not None}
    for v in sorted(by_version, reverse=True):
        candidates.extend(releases[by_version[v]] or [])
    for entry in candidates:
        if _usable_wheel(entry, python_version):
            url = urllib.parse.urljoin(base_url, entry["url"])
            if urllib.parse.urlsplit(url).scheme != "https":
                continue
            return url, entry["digests"]["sha256"].lower(), entry["filename"]
    raise BootstrapError(
        "PyPI lists no pip wheel (py3-none-any, not yanked, with a sha256) for Python "
        + ".".join(map(str, python_version[:3]))
    )


def download_verified(url: str, sha256: str, dest: Path, timeout: float = 60.0) -> None:
    """Download url to dest; the file is kept only if its sha256 matches."""
    digest = hashlib.sha256()
    part = dest.with_name(dest.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, part.open("wb") as out:
            while chunk := response.read(1 << 16):
                digest.update(chunk)
                out.write(chunk)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    if digest.hexdigest() != sha256.lower():
        part.unlink(missing_ok=True)
        raise BootstrapError(
            f"{dest.name}: sha256 {digest.hexdigest()} does not match PyPI's {sha256}; "
            "not installing it"
        )
    os.replace(part, dest)


def _fetch_json(url: str, timeout: float = 60.0) -> dict:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return json.loads(response.read().decode("utf-8"))


def _network_errors(action: str, run: Callable[[], object]) -> object:
    """Turn network failures into a message; a missing CA store gets fixed when we can."""
    for attempt in (1, 2):
        try:
            return run()
        except urllib.error.URLError as exc:
            reason = exc.reason
            cert_problem = isinstance(reason, ssl.SSLCertVerificationError)
            have_bundle = os.path.exists("/etc/ssl/certs/ca-certificates.crt")
            if cert_problem and attempt == 1 and not have_bundle and can_use_apt():
                say("no trusted CA certificates; installing Debian's ca-certificates")
                apt_install(["ca-certificates"])
                continue
            hint = ""
            if cert_problem:
                hint = (
                    " (the certificate is not trusted: if Debian's ca-certificates package is "
                    "installed, a TLS-intercepting proxy may need its CA in SSL_CERT_FILE)"
                    if have_bundle
                    else " (no trusted CA certificates: install Debian's ca-certificates package)"
                )
            raise BootstrapError(f"{action}: {reason}{hint}") from None
        except (OSError, ValueError) as exc:
            raise BootstrapError(f"{action}: {exc}") from None
    raise AssertionError("unreachable")


def install_pip_from_pypi(venv: Path, run: Runner = subprocess.run) -> None:
    say("pip is not available for this Python; installing pip's wheel from PyPI into .venv")
    index = _network_errors(f"reading {PIP_JSON_URL}", lambda: _fetch_json(PIP_JSON_URL))
    url, sha256, filename = select_pip_wheel(index, sys.version_info[:3])  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="wlmail-bootstrap-") as tmp:
        wheel = Path(tmp) / filename
        _network_errors(f"downloading {filename}", lambda: download_verified(url, sha256, wheel))
        install_pip_from_wheel(venv, wheel, run=run)


def install_pip_from_wheel(venv: Path, wheel: Path, run: Runner = subprocess.run) -> None:
    # A pip wheel is importable as a zip, so it can install itself.
    cmd = [
        str(venv_python(venv)), f"{wheel}/pip", "install", "--quiet", "--no-index",
        "--disable-pip-version-check", str(wheel),
    ]
    result = run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise BootstrapError(f"installing {wheel.name} into .venv failed:\n{_tail(result)}")


# --------------------------------------------------------------------------- venv


def _tail(result: subprocess.CompletedProcess, lines: int = 30) -> str:
    text = ((result.stdout or "") + (result.stderr or "")).strip()
    return "\n".join(text.splitlines()[-lines:]) or f"(exit status {result.returncode})"


def ensurepip_available() -> bool:
    if os.environ.get(FORCE_NO_ENSUREPIP_ENV) == "1":
        return False
    return importlib.util.find_spec("ensurepip") is not None


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def can_use_apt() -> bool:
    return is_root() and shutil.which("apt-get") is not None


def apt_install(packages: list[str], run: Runner = subprocess.run) -> bool:
    """apt-get install; refreshes the package lists once if the first try fails
    (a fresh machine often has none)."""
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    cmd = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if run(cmd, env=env, stdout=subprocess.DEVNULL).returncode == 0:
        return True
    say("apt-get install failed; running apt-get update and trying again")
    run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
    return run(cmd, env=env, stdout=subprocess.DEVNULL).returncode == 0


def _is_debian_python() -> bool:
    # python3-venv only helps the interpreter Debian installed, not pyenv's or a custom build.
    return os.path.realpath(sys.executable).startswith("/usr/bin/")


def create_venv(venv: Path, run: Runner = subprocess.run) -> None:
    """Create venv with a working pip, by the first way that works on this machine."""
    python = sys.executable

    def make(*extra: str) -> subprocess.CompletedProcess:
        shutil.rmtree(venv, ignore_errors=True)  # a failed attempt leaves a half-made venv
        return run([python, "-m", "venv", *extra, str(venv)], capture_output=True, text=True)

    failures: list[str] = []
    if ensurepip_available():
        result = make()
        if result.returncode == 0:
            return
        failures.append(f"python3 -m venv: {_tail(result, 8)}")

    result = make("--without-pip")
    if result.returncode == 0:
        install_pip_from_pypi(venv, run=run)
        return
    failures.append(f"python3 -m venv --without-pip: {_tail(result, 8)}")
    shutil.rmtree(venv, ignore_errors=True)

    if can_use_apt() and _is_debian_python():
        say("Python's venv module does not work; installing Debian's python3-venv")
        if apt_install(["python3-venv"], run=run):
            result = make()
            if result.returncode == 0:
                return
            failures.append(f"python3 -m venv after apt-get: {_tail(result, 8)}")
        else:
            failures.append("apt-get install python3-venv failed")
        shutil.rmtree(venv, ignore_errors=True)

    raise BootstrapError(
        "cannot create a virtual environment with " + python + ".\n"
        + "\n".join(failures)
        + "\nOn Debian/Ubuntu install the venv module as root: "
        "apt-get install python3-venv (or: sudo apt-get install python3-venv), then run this again."
    )


def venv_has_pip(venv: Path, run: Runner = subprocess.run) -> bool:
    result = run(
        [str(venv_python(venv)), "-m", "pip", "--version"], capture_output=True, text=True
    )
    return result.returncode == 0


def install_project(venv: Path, repo: Path, extras: str, run: Runner = subprocess.run) -> None:
    say(f"installing wlmail[{extras}] and its dependencies into {VENV_NAME} (about a minute)")
    env = dict(os.environ, PIP_NO_INPUT="1")
    cmd = [
        str(venv_python(venv)), "-m", "pip", "install", "--quiet",
        "--disable-pip-version-check", "-e", f"{repo}[{extras}]",
    ]
    # Captured, and shown in full only on failure: on success pip -q prints nothing useful,
    # only warnings about the machine's own pip configuration.
    result = run(cmd, cwd=str(repo), env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BootstrapError(
            f"pip install -e '.[{extras}]' failed (exit {result.returncode}):\n{_tail(result, 80)}"
        )


# --------------------------------------------------------------------------- browser


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_browser(run: Runner = subprocess.run) -> bool:
    """Install Debian's chromium when missing. Never fatal: the test that needs it reports
    its absence itself, and the rest of the suite should still run."""
    if find_chromium():
        return True
    if not can_use_apt():
        why = "not root" if not is_root() else "no apt-get"
        say(
            f"chromium is not installed and cannot be installed here ({why}); the OAuth browser "
            "test will fail. Install it with: sudo apt-get install chromium"
        )
        return False
    say("installing Debian's chromium (for the OAuth browser test)")
    if apt_install(["chromium"], run=run) and find_chromium():
        return True
    say("could not install chromium with apt-get; the OAuth browser test will fail")
    return False


# --------------------------------------------------------------------------- postfix


POSTFIX_PACKAGES = ["postfix"]


def find_postfix() -> str | None:
    for path in ("/usr/sbin/postfix", shutil.which("postfix")):
        if path and os.path.exists(path):
            return path
    return None


def ensure_postfix(run: Runner = subprocess.run) -> bool:
    """Install Debian's postfix (the tests start a private instance of it on loopback)
    when missing. Preseeded as "No configuration": nothing is started and /etc/postfix
    stays unused. Never fatal: the tests that need it fail with the same advice."""
    if find_postfix():
        return True
    if not can_use_apt():
        why = "not root" if not is_root() else "no apt-get"
        say(
            f"postfix is not installed and cannot be installed here ({why}); the tests "
            "against a real Postfix will fail. Install it with: sudo sh -c \"echo 'postfix "
            "postfix/main_mailer_type select No configuration' | debconf-set-selections && "
            "DEBIAN_FRONTEND=noninteractive apt-get install -y postfix\""
        )
        return False
    say("installing Debian's postfix (for the tests against a real Postfix; no daemon is started)")
    preseed = "postfix postfix/main_mailer_type select No configuration\n"
    if shutil.which("debconf-set-selections"):
        run(["debconf-set-selections"], input=preseed.encode(), stdout=subprocess.DEVNULL)
    if apt_install(POSTFIX_PACKAGES, run=run) and find_postfix():
        return True
    say("could not install postfix with apt-get; the tests against a real Postfix will fail")
    return False


# --------------------------------------------------------------------------- dovecot


DOVECOT_PACKAGES = ["dovecot-imapd", "dovecot-pop3d"]


def find_dovecot() -> str | None:
    """Dovecot with both its IMAP and POP3 servers (the reading tests use both)."""
    path = "/usr/sbin/dovecot"
    if all(os.path.exists(p) for p in (path, "/usr/lib/dovecot/imap", "/usr/lib/dovecot/pop3")):
        return path
    return None


def ensure_dovecot(run: Runner = subprocess.run) -> bool:
    """Install Debian's Dovecot IMAP and POP3 servers (the reading tests start a private
    instance on loopback) when missing. Outside systemd no daemon is started and
    /etc/dovecot stays unused. Never fatal: the tests that need it fail with the same advice."""
    if find_dovecot():
        return True
    if not can_use_apt():
        why = "not root" if not is_root() else "no apt-get"
        say(
            f"dovecot is not installed and cannot be installed here ({why}); the tests "
            "against a real Dovecot will fail. Install it with: sudo sh -c "
            "\"DEBIAN_FRONTEND=noninteractive apt-get install -y dovecot-imapd dovecot-pop3d\""
        )
        return False
    say("installing Debian's dovecot-imapd and dovecot-pop3d (for the reading tests; no daemon "
        "is started)")
    if apt_install(DOVECOT_PACKAGES, run=run) and find_dovecot():
        return True
    say("could not install dovecot with apt-get; the tests against a real Dovecot will fail")
    return False


# --------------------------------------------------------------------------- main


def bootstrap(repo: Path, force: bool = False, run: Runner = subprocess.run) -> None:
    venv = repo / VENV_NAME
    pyproject = repo / "pyproject.toml"
    if not pyproject.is_file():
        raise BootstrapError(f"{pyproject} not found")
    expected = stamp_data(pyproject, venv)
    if not force and is_up_to_date(venv, expected):
        return
    if force or not venv_matches_python(venv, expected) or not venv_has_pip(venv, run=run):
        say(f"creating {venv}")
        create_venv(venv, run=run)
        if not venv_has_pip(venv, run=run):
            raise BootstrapError(f"{venv} was created but its pip does not run")
    # Until the install succeeds the stamp vouches only for the venv itself, so an interrupted
    # install is retried next time without rebuilding the venv.
    write_stamp(venv, dict(expected, pyproject_sha256=None))
    install_project(venv, repo, EXTRAS, run=run)
    write_stamp(venv, expected)
    say("ready: .venv/bin/wlmail, .venv/bin/python -m pytest")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tools/bootstrap.py",
        description="Create .venv with wlmail and its test dependencies (idempotent).",
    )
    parser.add_argument(
        "--with-browser", action="store_true",
        help="also install Debian's chromium (root + apt-get) if missing, for the OAuth test",
    )
    parser.add_argument("--force", action="store_true", help="recreate .venv and reinstall")
    args = parser.parse_args(argv)
    if sys.version_info[:2] < MIN_PYTHON:
        say(
            f"wlmail needs Python {MIN_PYTHON[0]}.{MIN_PYTHON[1]} or newer; "
            f"this is {sys.version.split()[0]} ({sys.executable})"
        )
        return 1
    if sys.prefix != sys.base_prefix:
        # Run from inside a venv (maybe .venv itself, which we may have to delete): use its base.
        base = Path(sys.base_prefix) / "bin" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
        if base.exists():
            os.execv(str(base), [str(base), os.path.abspath(__file__), *sys.argv[1:]])
    try:
        bootstrap(REPO, force=args.force)
        ensure_postfix()
        ensure_dovecot()
        if args.with_browser:
            ensure_browser()
    except BootstrapError as exc:
        say(f"error: {exc}")
        return 1
    except KeyboardInterrupt:
        say("interrupted")
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
