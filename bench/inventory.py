"""Inventory of a big WINDEV project against PyYAML alone loading the same files.

Generates a text-format project of ELEMENTS elements (default 500: windows with buttons,
sets of procedures, classes, in the shape of tests/projects/mailshop) in a temporary
folder, then times, in this process, best of REPEAT runs, alternating:
- `yaml.load(text, CSafeLoader)` (what `yaml.safe_load` does, with libyaml) on every file;
- wlmail's inventory: open_project (read, YAML, code blocks) + inventory (parse every
  block, classify every name).
Prints both times, the part of the inventory that is wlmail's parser alone (the same
parser as `wlmail run`), and the ratio inventory / PyYAML (target: at most 3).  Every
generated block is different code (the inventory parses identical code once).

    python bench/inventory.py [--elements 500] [--repeat 3]
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from wlmail.domains import load_all
from wlmail.project import open_project
from wlmail.project.inventory import inventory, parse_block

HEADER = ("#To edit and compare internal_properties, use WINDEV integrated tools.\n"
          "#Internal properties refer to the properties of controls in windows, reports, etc.\n")
BLOB = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=" * 8


def _code(lines: list[str], indent: int) -> str:
    pad = " " * indent
    return "".join(pad + ln + "\n" for ln in lines)


def window(i: int) -> str:
    controls = []
    for b in range(6):
        controls.append(
            f"  -\n    name : BTN_{b}\n    identifier : 0x{i:08x}{b:08x}\n"
            f"    internal_properties : {BLOB}\n    type : 4\n    code_elements :\n"
            f"     type_code : 4\n     p_codes :\n      -\n        code : |1+\n"
            + _code([f"// button {b} of window {i}", f"IF Proc{i % 50}_{b % 4}(\"x{b}\", {b}) THEN",
                     f"\tInfo(\"done {b}\")", "ELSE", "\tError(\"failed\", ErrorInfo())", "END"], 9)
            + "        type : 18\n")
    return (HEADER + f"info :\n name : WIN_{i}\n major_version : 28\n type : 2\nwindow :\n"
            f" name : WIN_{i}\n internal_properties : {BLOB}\n controls :\n" + "".join(controls)
            + " code_elements :\n  p_codes :\n   -\n     code : |1-\n"
            + _code([f"PROCEDURE WIN_{i}()", "gnCount is int"], 6))


def procedure_set(i: int) -> str:
    procs = []
    for p in range(4):
        procs.append(
            f"   -\n     name : Proc{i}_{p}\n     procedure_id : {i * 10 + p}\n     type_code : 15\n"
            f"     internal_properties : {BLOB}\n     code : |1+\n"
            + _code([f"PROCEDURE Proc{i}_{p}(sWhat is string, n is int)", f"s is string = sWhat + \"{i}\"",
                     "FOR i = 1 _TO_ n", "\ts += \" \" + i", "END",
                     "HReadFirst(CUSTOMER)" if p == 3 else "Trace(s)", "RESULT Length(s) > 0"], 6)
            + "     type : 458752\n")
    return (HEADER + f"info :\n name : Set{i}\n major_version : 28\n type : 7\nprocedure_set :\n"
            f" internal_properties : {BLOB}\n code_elements :\n  p_codes : []\n  procedures :\n"
            + "".join(procs))


def make_project(folder: Path, elements: int) -> list[Path]:
    files = []
    for i in range(elements):
        if i % 5 == 0:
            f, text = folder / f"Set{i // 5}.wdg", procedure_set(i // 5)
        else:
            f, text = folder / f"WIN_{i}.wdw", window(i)
        f.write_text(text, encoding="utf-8")
        files.append(f)
    return files


def time_yaml(files: list[Path]) -> float:
    start = time.perf_counter()
    for f in files:
        yaml.load(f.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def time_inventory(folder: Path) -> tuple[float, int]:
    registry = load_all()
    start = time.perf_counter()
    inv = inventory(open_project(str(folder)), registry)
    return time.perf_counter() - start, len(inv.blocks)


def time_parse(folder: Path) -> float:
    """wlmail's parser alone on every code block (the blocks read beforehand)."""
    blocks = open_project(str(folder)).blocks()
    start = time.perf_counter()
    for b in blocks:
        parse_block(b, b.file)
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--elements", type=int, default=500)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = make_project(folder, args.elements)
        size = sum(f.stat().st_size for f in files)
        time_inventory(folder)              # warm: the parser tables, the registry
        best_yaml = best_inv = best_parse = float("inf")
        blocks = 0
        for _ in range(args.repeat):
            best_yaml = min(best_yaml, time_yaml(files))
            t, blocks = time_inventory(folder)
            best_inv = min(best_inv, t)
            best_parse = min(best_parse, time_parse(folder))
    print(f"project: {args.elements} elements, {size / 1e6:.1f} MB, {blocks} code blocks")
    print(f"PyYAML safe load (CSafeLoader): {best_yaml * 1000:.0f} ms")
    print(f"wlmail inventory:               {best_inv * 1000:.0f} ms")
    print(f"  of which wlmail's parser:     {best_parse * 1000:.0f} ms "
          f"({best_parse / best_yaml:.2f} x PyYAML on its own)")
    print(f"ratio inventory / PyYAML: {best_inv / best_yaml:.2f} (target <= 3)")


if __name__ == "__main__":
    main()
