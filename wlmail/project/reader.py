"""Opening a project: which files are elements, what each holds, every code block.

`open_project(path)` takes a project folder, its `.wdp`/`.wwp` file, a folder of `.wl`
files, one `.wl` file, or one element file (read alone).  It never stops at a bad
element: a binary element, invalid YAML, an unknown kind, a listed file that is missing —
each becomes a `Problem` with its file (and line), and the rest of the project is still
read.
"""
from __future__ import annotations

import os
import struct
from pathlib import Path, PureWindowsPath
from typing import Any

from ..syntax.source import decode
from . import kinds
from .model import CodeBlock, Element, Problem, Project, collector_paused
from .yamltree import Code, YAMLProblem, load

BINARY_MAGIC = b"PCS\x00"
MAX_ELEMENT_BYTES = 64 * 1024 * 1024
TEXT_ADVICE = ("switch the project to the text format to let wlmail read it (WINDEV 25 and "
               "later: project description, option to save the project in text format)")


def open_project(path: str) -> Project:
    with collector_paused():
        return _open(Path(path))


def _open(p: Path) -> Project:
    path = str(p)
    if p.is_file():
        root = p.parent
        if p.suffix.lower() == ".wl":
            project = Project(str(p), str(root), p.stem, "folder")
            project.elements.append(_read_wl(p, root, project))
            return project
        if p.suffix.lower() in (".wdp", ".wwp"):
            project = Project(str(p), str(root), p.stem, "WINDEV project")
            _read_with_project_file(project, root, p)
            return project
        # One element file (a window, a set of procedures...): that element alone.
        project = Project(str(p), str(root), p.stem, "element")
        _read_file(p, root, project)
        return project
    if not p.is_dir():
        raise FileNotFoundError(path)
    project_files = sorted(f for f in p.iterdir()
                           if f.is_file() and f.suffix.lower() in (".wdp", ".wwp"))
    if project_files:
        project = Project(str(p), str(p), project_files[0].stem, "WINDEV project")
        _read_with_project_file(project, p, project_files[0])
        for other in project_files[1:]:
            project.problems.append(Problem(_rel(other, p), None,
                                            f"a second project file: only {project_files[0].name} "
                                            f"was used to list the elements", "warning"))
    else:
        project = Project(str(p), str(p), p.name, "folder")
        for f in _walk(p):
            _read_file(f, p, project)
    return project


def _walk(root: Path) -> list[Path]:
    found: list[Path] = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not _skipped(d))
        for name in sorted(files):
            suffix = Path(name).suffix.lower()
            if suffix == ".wl" or suffix in kinds.ELEMENT_EXTENSIONS:
                found.append(Path(folder) / name)
    return found


def _skipped(folder: str) -> bool:
    low = folder.lower()
    return (low in kinds.SKIPPED_FOLDERS or low.endswith(kinds.SKIPPED_FOLDER_SUFFIXES)
            or low.startswith(kinds.SKIPPED_FOLDER_PREFIXES))


def _rel(f: Path, root: Path) -> str:
    try:
        return f.relative_to(root).as_posix()
    except ValueError:
        return str(f)


def _read_with_project_file(project: Project, root: Path, project_file: Path) -> None:
    """The project file, every element it lists, then the element and `.wl` files of the
    folder it does not list (a WINDEV folder often holds more than the project uses)."""
    seen: set[str] = set()
    element = _read_file(project_file, root, project)
    seen.add(str(project_file.resolve()).lower())
    listed = element.listed if isinstance(element, _ProjectElement) else []
    for name, physical, element_type in listed:
        target = root / PureWindowsPath(physical).as_posix()
        key = str(target.resolve()).lower()
        if key in seen:
            continue
        seen.add(key)
        if not target.is_file():
            line = _line_of(project_file, f"physical_name : {physical}")
            project.problems.append(Problem(
                _rel(project_file, root), line,
                f"the project lists the element {name} ({physical}) but the file is missing"))
            kind = kinds.ELEMENT_TYPES.get(element_type or 0) \
                or kinds.ELEMENT_EXTENSIONS.get(target.suffix.lower(), "element")
            project.elements.append(Element(_rel(target, root), name, kind, "missing"))
            continue
        _read_file(target, root, project)
    for f in _walk(root):
        if str(f.resolve()).lower() not in seen:
            seen.add(str(f.resolve()).lower())
            _read_file(f, root, project)


def _line_of(f: Path, needle: str) -> int | None:
    try:
        text = f.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    at = text.find(needle)
    return text.count("\n", 0, at) + 1 if at >= 0 else None


class _ProjectElement(Element):
    listed: list[tuple[str, str, int | None]]   # name, physical name, element type


def _read_file(f: Path, root: Path, project: Project) -> Element:
    rel = _rel(f, root)
    if f.suffix.lower() == ".wl":
        element = _read_wl(f, root, project)
        project.elements.append(element)
        return element
    guess = kinds.ELEMENT_EXTENSIONS.get(f.suffix.lower(), "element")
    try:
        with f.open("rb") as fh:
            data = fh.read(MAX_ELEMENT_BYTES + 1)
    except OSError as e:
        return _failed(project, Element(rel, f.stem, guess, "unreadable"),
                       f"cannot read the file: {e.strerror}")
    if data.startswith(BINARY_MAGIC):
        kind, version = binary_header(data)
        element = Element(rel, f.stem, kind or guess, "binary", version)
        shown = f"version {version}" if version else "unknown version"
        return _failed(project, element,
                       f"a binary WINDEV element ({kind or 'unknown kind'}, {shown}): "
                       f"not read; {TEXT_ADVICE}")
    if len(data) > MAX_ELEMENT_BYTES:
        return _failed(project, Element(rel, f.stem, guess, "unreadable"),
                       f"the file is bigger than {MAX_ELEMENT_BYTES} bytes: not read")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        return _failed(project, Element(rel, f.stem, guess, "unreadable"),
                       "not UTF-8 text (text-format elements are UTF-8)", line)
    text = text.lstrip("\ufeff")
    try:
        doc = load(text)
    except YAMLProblem as e:
        return _failed(project, Element(rel, f.stem, guess, "unreadable"), e.message, e.line)
    except RecursionError:
        return _failed(project, Element(rel, f.stem, guess, "unreadable"),
                       "the YAML is nested too deeply to be read")
    if not isinstance(doc, dict):
        return _failed(project, Element(rel, f.stem, guess, "unreadable"),
                       "not a WINDEV text element (no `info` mapping at the top)", 1)
    return _read_element(doc, rel, f.stem, guess, project)


def _failed(project: Project, element: Element, message: str, line: int | None = None) -> Element:
    project.problems.append(Problem(element.file, line, message))
    project.elements.append(element)
    return element


def binary_header(data: bytes) -> tuple[str | None, int | None]:
    """The kind and major version in a binary element's header (`PCS\\0`, 0x14, type)."""
    if len(data) < 15:
        return None, None
    element_type = struct.unpack_from("<I", data, 8)[0]
    version = data[14]
    return kinds.ELEMENT_TYPES.get(element_type), (version if 20 <= version <= 40 else None)


def _read_element(doc: dict[str, Any], rel: str, stem: str, guess: str,
                  project: Project) -> Element:
    info = doc.get("info") if isinstance(doc.get("info"), dict) else {}
    assert isinstance(info, dict)
    name = str(info.get("name") or stem)
    version = info.get("major_version") if isinstance(info.get("major_version"), int) else None
    key = next((k for k in kinds.ELEMENT_KEYS if isinstance(doc.get(k), dict)), None)
    element: Element
    if key is None:
        others = [k for k, v in doc.items() if k != "info" and isinstance(v, dict)
                  and k not in ("resources", "custom_note", "rad", "associated_test",
                                "project_explorer")]
        if not others:
            return _failed(project, Element(rel, name, guess, "unreadable", version),
                           "not a WINDEV text element (no element key such as window, "
                           "procedure_set, class)", 1)
        key = others[0]
        kind_number = info.get("type")
        kind = f"unknown kind `{key}`" + (f" (type {kind_number})" if kind_number is not None else "")
        element = Element(rel, name, kind, "unknown kind", version)
        project.problems.append(Problem(rel, None, f"an element of a kind wlmail does not know "
                                                   f"(`{key}`): its code blocks are read, their "
                                                   f"events are not named", "warning"))
    else:
        kind = kinds.ELEMENT_KEYS[key]
        if kind == "window" and info.get("type") == 18:
            kind = "window template"
        element = _ProjectElement(rel, name, kind, "read", version) if kind == "project" \
            else Element(rel, name, kind, "read", version)
    body = doc[key]
    # The element's translated messages, for its `<§...§>` references (messages.py).
    project.messages.add_resources(doc, kind == "project")
    if kind == "project" and isinstance(body.get("languages"), list):
        project.messages.languages = [str(x) for x in body["languages"]]
    if isinstance(element, _ProjectElement):
        element.listed = _listed(body)
    _Extractor(element).visit(body, [], None, True)
    project.elements.append(element)
    return element


def _listed(body: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    out: list[tuple[str, str, int | None]] = []
    outer = body.get("elements")
    items = outer.get("elements") if isinstance(outer, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("physical_name"), str):
            out.append((str(item.get("name") or item["physical_name"]), item["physical_name"],
                        item.get("type") if isinstance(item.get("type"), int) else None))
    return out


class _Extractor:
    """Every `code` of an element, with the control path and the event or procedure."""

    def __init__(self, element: Element) -> None:
        self.element = element

    def visit(self, node: Any, path: list[str], control_type: int | None, top: bool) -> None:
        if isinstance(node, list):
            for item in node:
                self.visit(item, path, control_type, False)
            return
        if not isinstance(node, dict):
            return
        here, ctype = path, control_type
        if not top and isinstance(node.get("name"), str):
            here = path + [node["name"]]
            ctype = node.get("type") if isinstance(node.get("type"), int) else None
        for key, value in node.items():
            if key == "code_elements" and isinstance(value, dict):
                self.code_elements(value, here, ctype, top)
            elif isinstance(value, (dict, list)):
                self.visit(value, here, ctype, False)

    def code_elements(self, ce: dict[str, Any], path: list[str], ctype: int | None,
                      element_level: bool) -> None:
        for slot in ce.get("p_codes") or []:
            if isinstance(slot, dict):
                self.slot(slot, path, ctype, element_level)
        for proc in ce.get("procedures") or []:
            if isinstance(proc, dict):
                self.procedure(proc, path)
        for prop in ce.get("properties") or []:
            # A class property: its getter and setter are p_codes of their own.
            if isinstance(prop, dict) and isinstance(prop.get("code_elements"), dict):
                name = str(prop.get("name") or "")
                self.code_elements(prop["code_elements"], path + [name] if name else path,
                                   None, False)
            elif isinstance(prop, dict):
                for slot in prop.get("p_codes") or []:
                    if isinstance(slot, dict):
                        self.slot(slot, path + [str(prop.get("name") or "")], None, False)
        for key, value in ce.items():
            # orphans (code kept from deleted controls), menus...: their code is read too.
            if key not in ("p_codes", "procedures", "properties") and isinstance(value, (dict, list)):
                self.visit(value, path, ctype, False)

    def slot(self, slot: dict[str, Any], path: list[str], ctype: int | None,
             element_level: bool) -> None:
        code = slot.get("code")
        if not isinstance(code, Code) or not code.text.strip():
            return
        event = slot.get("type") if isinstance(slot.get("type"), int) else None
        in_control = bool(path) and not element_level
        self.add(code, path, event=event,
                 event_name=kinds.event_name(self.element.kind, ctype, event, in_control),
                 browser=slot.get("role") in ("B", "N"),
                 enabled=slot.get("enabled") is not False,
                 language=str(slot.get("language") or "WLanguage"))

    def procedure(self, proc: dict[str, Any], path: list[str]) -> None:
        code = proc.get("code")
        if not isinstance(code, Code) or not code.text.strip():
            return
        type_code = proc.get("type_code")
        kind = kinds.PROCEDURE_KINDS.get(type_code) if isinstance(type_code, int) else None
        if kind is None:
            kind = f"type_code {type_code}" if type_code is not None else "procedure"
        self.add(code, path, procedure=str(proc.get("name") or "?"), procedure_kind=kind,
                 browser=proc.get("role") in ("B", "N"),
                 language=str(proc.get("language") or "WLanguage"))

    def add(self, code: Code, path: list[str], **kw: Any) -> None:
        e = self.element
        e.blocks.append(CodeBlock(e.file, e.name, e.kind, code.text, code.line, code.indent,
                                  ".".join(path), **kw))


def _read_wl(f: Path, root: Path, project: Project) -> Element:
    rel = _rel(f, root)
    element = Element(rel, f.stem, "script")
    try:
        text, warning = decode(f.read_bytes())
    except OSError as e:
        element.status = "unreadable"
        project.problems.append(Problem(rel, None, f"cannot read the file: {e.strerror}"))
        return element
    if warning:
        project.problems.append(Problem(rel, None, warning, "warning"))
    if text.strip():
        element.blocks.append(CodeBlock(rel, f.stem, "script", text, 1))
    return element
