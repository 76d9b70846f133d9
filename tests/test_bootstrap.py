"""tools/bootstrap.py: pip-wheel selection, checksum, stamp and fallback order. No network:
PyPI's JSON is built here, downloads use file:// URLs, subprocesses are recorded, not run."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("wlmail_bootstrap", ROOT / "tools" / "bootstrap.py")
assert _spec is not None and _spec.loader is not None
bootstrap = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bootstrap)


def wheel_entry(version: str, requires: str | None = ">=3.9", **over: object) -> dict:
    entry = {
        "filename": f"pip-{version}-py3-none-any.whl",
        "packagetype": "bdist_wheel",
        "requires_python": requires,
        "url": f"https://files.example.invalid/pip-{version}-py3-none-any.whl",
        "digests": {"sha256": hashlib.sha256(version.encode()).hexdigest()},
        "yanked": False,
    }
    entry.update(over)
    return entry


def sdist_entry(version: str) -> dict:
    return dict(wheel_entry(version), filename=f"pip-{version}.tar.gz", packagetype="sdist")


@pytest.mark.parametrize(
    ("spec", "version", "ok"),
    [
        (None, (3, 11, 2), True),
        ("", (3, 11, 2), True),
        (">=3.9", (3, 11, 2), True),
        (">=3.12", (3, 11, 7), False),
        (">=3.7, !=3.8.*", (3, 8, 1), False),
        (">=3.7, !=3.8.*", (3, 11, 0), True),
        (">=3.11,<3.12", (3, 11, 9), True),
        (">=3.11,<3.12", (3, 12, 0), False),
        ("~=3.10", (3, 11, 0), True),
        ("~=3.10", (4, 0, 0), False),
        ("==3.11.*", (3, 11, 5), True),
        ("==3.11.*", (3, 12, 0), False),
        (">3.11", (3, 11, 0), False),
        (">3.11", (3, 11, 1), True),
        ("<=3.11", (3, 11, 0), True),
        ("<=3.11", (3, 11, 1), False),
        ("nonsense", (3, 11, 0), False),
    ],
)
def test_requires_python(spec: str | None, version: tuple[int, ...], ok: bool) -> None:
    assert bootstrap.python_satisfies(spec, version) is ok


def test_latest_wheel_is_chosen_and_relative_url_resolved() -> None:
    # Some PyPI mirrors give file URLs relative to the JSON document.
    latest = wheel_entry("26.3", url="../../packages/aa/bb/pip-26.3-py3-none-any.whl")
    index = {"urls": [sdist_entry("26.3"), latest], "releases": {"26.3": [latest]}}
    url, sha, name = bootstrap.select_pip_wheel(index, (3, 11, 2), "https://pypi.org/pypi/pip/json")
    assert url == "https://pypi.org/packages/aa/bb/pip-26.3-py3-none-any.whl"
    assert sha == latest["digests"]["sha256"]
    assert name == "pip-26.3-py3-none-any.whl"


def test_falls_back_to_newest_release_supporting_this_python() -> None:
    index = {
        "urls": [wheel_entry("30.0", ">=3.12")],
        "releases": {
            "30.0": [wheel_entry("30.0", ">=3.12")],
            "29.1": [wheel_entry("29.1", ">=3.9", yanked=True)],
            "29.0": [sdist_entry("29.0"), wheel_entry("29.0", ">=3.9")],
            "29.0b1": [wheel_entry("29.0b1", ">=3.9")],
            "9.0": [wheel_entry("9.0", ">=2.7")],
        },
    }
    _, _, name = bootstrap.select_pip_wheel(index, (3, 11, 2))
    assert name == "pip-29.0-py3-none-any.whl"


def test_wheel_without_checksum_or_over_plain_http_is_refused() -> None:
    index = {
        "urls": [
            wheel_entry("26.3", digests={"md5": "x"}),
            wheel_entry("26.2", url="http://files.example.invalid/pip-26.2-py3-none-any.whl"),
        ]
    }
    with pytest.raises(bootstrap.BootstrapError, match="no pip wheel"):
        bootstrap.select_pip_wheel(index, (3, 11, 2))


def test_download_keeps_file_only_when_sha256_matches(tmp_path: Path) -> None:
    source = tmp_path / "src.whl"
    source.write_bytes(b"wheel bytes" * 1000)
    good = hashlib.sha256(source.read_bytes()).hexdigest()
    dest = tmp_path / "out" / "pip.whl"
    dest.parent.mkdir()

    bootstrap.download_verified(source.as_uri(), good.upper(), dest)
    assert dest.read_bytes() == source.read_bytes()

    dest.unlink()
    with pytest.raises(bootstrap.BootstrapError, match="does not match"):
        bootstrap.download_verified(source.as_uri(), "0" * 64, dest)
    assert list(dest.parent.iterdir()) == []


def make_fake_venv(venv: Path, python_target: Path) -> None:
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(python_target)
    (venv / "bin" / "wlmail").write_text("#!/bin/sh\n")


def test_stamp_tracks_pyproject_and_interpreter(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\nname = 'x'\n")
    venv = tmp_path / ".venv"
    make_fake_venv(venv, Path(sys.executable))
    expected = bootstrap.stamp_data(pyproject, venv)

    assert not bootstrap.is_up_to_date(venv, expected)
    bootstrap.write_stamp(venv, expected)
    assert bootstrap.is_up_to_date(venv, expected)

    pyproject.write_text("[project]\nname = 'x'\ndependencies = ['lark']\n")
    changed = bootstrap.stamp_data(pyproject, venv)
    assert not bootstrap.is_up_to_date(venv, changed)
    # Same interpreter and place: the venv is reused, only packages are reinstalled.
    assert bootstrap.venv_matches_python(venv, changed)

    moved = bootstrap.stamp_data(pyproject, tmp_path / "elsewhere" / ".venv")
    assert not bootstrap.venv_matches_python(venv, moved)


def test_venv_whose_base_python_vanished_is_stale(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\n")
    venv = tmp_path / ".venv"
    make_fake_venv(venv, tmp_path / "gone" / "python3")
    expected = bootstrap.stamp_data(pyproject, venv)
    bootstrap.write_stamp(venv, expected)
    assert not bootstrap.is_up_to_date(venv, expected)
    assert not bootstrap.venv_matches_python(venv, expected)


class Recorder:
    """Stands in for subprocess.run; answers `-m venv` by the given exit codes."""

    def __init__(self, venv_codes: dict[str, int]) -> None:
        self.venv_codes = venv_codes
        self.calls: list[list[str]] = []

    def __call__(self, cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        self.calls.append(list(cmd))
        code = 0
        if cmd[1:3] == ["-m", "venv"]:
            key = "without-pip" if "--without-pip" in cmd else "with-pip"
            code = self.venv_codes[key]
            Path(cmd[-1]).mkdir(parents=True, exist_ok=True)  # venv leaves a half-made dir
        err = "Error: ensurepip is not available" if code else ""
        return subprocess.CompletedProcess(cmd, code, "", err)


def test_missing_ensurepip_goes_straight_to_without_pip_and_wheel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(bootstrap.FORCE_NO_ENSUREPIP_ENV, "1")
    pip_installs: list[Path] = []
    monkeypatch.setattr(bootstrap, "install_pip_from_pypi", lambda venv, run: pip_installs.append(venv))
    run = Recorder({"with-pip": 0, "without-pip": 0})
    venv = tmp_path / ".venv"
    bootstrap.create_venv(venv, run=run)
    assert [c[3:] for c in run.calls] == [["--without-pip", str(venv)]]
    assert pip_installs == [venv]


def test_failing_ensurepip_falls_back_to_without_pip(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(bootstrap.FORCE_NO_ENSUREPIP_ENV, raising=False)
    monkeypatch.setattr(bootstrap, "ensurepip_available", lambda: True)
    pip_installs: list[Path] = []
    monkeypatch.setattr(bootstrap, "install_pip_from_pypi", lambda venv, run: pip_installs.append(venv))
    run = Recorder({"with-pip": 1, "without-pip": 0})
    venv = tmp_path / ".venv"
    bootstrap.create_venv(venv, run=run)
    assert [c[3:] for c in run.calls] == [[str(venv)], ["--without-pip", str(venv)]]
    assert pip_installs == [venv]


def test_no_venv_at_all_without_root_explains_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bootstrap, "ensurepip_available", lambda: True)
    monkeypatch.setattr(bootstrap, "can_use_apt", lambda: False)
    run = Recorder({"with-pip": 1, "without-pip": 1})
    venv = tmp_path / ".venv"
    with pytest.raises(bootstrap.BootstrapError, match="apt-get install python3-venv"):
        bootstrap.create_venv(venv, run=run)
    assert not venv.exists()
    assert not any(c[0] == "apt-get" for c in run.calls)


def test_up_to_date_venv_runs_nothing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[project]\n")
    venv = tmp_path / ".venv"
    make_fake_venv(venv, Path(sys.executable))
    bootstrap.write_stamp(venv, bootstrap.stamp_data(tmp_path / "pyproject.toml", venv))
    run = Recorder({})
    bootstrap.bootstrap(tmp_path, run=run)
    assert run.calls == []


def test_changed_pyproject_reinstalls_into_existing_venv(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\n")
    venv = tmp_path / ".venv"
    make_fake_venv(venv, Path(sys.executable))
    bootstrap.write_stamp(venv, bootstrap.stamp_data(pyproject, venv))
    pyproject.write_text("[project]\ndependencies = ['lark']\n")
    run = Recorder({})
    bootstrap.bootstrap(tmp_path, run=run)
    assert not any("venv" in c[1:3] for c in run.calls), run.calls
    assert [c[2:4] for c in run.calls] == [["pip", "--version"], ["pip", "install"]]
    assert bootstrap.is_up_to_date(venv, bootstrap.stamp_data(pyproject, venv))


def test_failed_install_is_retried_next_time(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[project]\n")
    venv = tmp_path / ".venv"
    make_fake_venv(venv, Path(sys.executable))
    bootstrap.write_stamp(venv, bootstrap.stamp_data(pyproject, venv))
    pyproject.write_text("[project]\nversion = '2'\n")

    def failing_pip(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess:
        code = 1 if cmd[2:4] == ["pip", "install"] else 0
        return subprocess.CompletedProcess(cmd, code, "", "ERROR: no matching distribution")

    with pytest.raises(bootstrap.BootstrapError, match="no matching distribution"):
        bootstrap.bootstrap(tmp_path, run=failing_pip)
    expected = bootstrap.stamp_data(pyproject, venv)
    assert not bootstrap.is_up_to_date(venv, expected)
    assert bootstrap.venv_matches_python(venv, expected)


def test_ci_run_is_readme_command_two() -> None:
    script = (ROOT / ".ci" / "run").read_text()
    assert "python3 tools/bootstrap.py --with-browser && .venv/bin/python -m pytest" in script
    assert os.access(ROOT / ".ci" / "run", os.X_OK)
