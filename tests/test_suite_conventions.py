"""The rules of tests/README.md that a machine can check: each test file runs on its own
(`pytest tests/x/test_y.py`), so none imports a conftest or edits sys.path; helpers are
modules of tests/ (on the path through pyproject's `pythonpath`)."""
from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def _imports(tree: ast.AST) -> list[str]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append(node.module or "")
    return names


def test_no_module_imports_a_conftest_or_edits_sys_path() -> None:
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        if any(name == "conftest" or name.endswith(".conftest") for name in _imports(tree)):
            offenders.append(f"{path.relative_to(TESTS)} imports a conftest")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "path" and \
                    isinstance(node.value, ast.Name) and node.value.id == "sys":
                offenders.append(f"{path.relative_to(TESTS)} uses sys.path")
    assert offenders == []
