"""A text element's YAML as plain Python data, keeping where each code block starts.

PyYAML's safe loader (libyaml's CSafeLoader when PyYAML has it) composes the node tree;
this module turns it into dicts, lists and scalars — what `yaml.safe_load` would give for
the keys wlmail reads — except that a `code` value becomes a `Code` (text and position)
and `internal_properties` is dropped unread (an opaque blob: never decoded).  Only the
standard YAML tags are resolved; no Python object is ever built from the file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]  # (no stubs in the dev venv)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A file of a few MB holds tens of thousands of nodes; aliases could make a small file
# into a huge tree: past this many nodes the element is refused.
MAX_NODES = 2_000_000

_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_FLOAT = "tag:yaml.org,2002:float"
_HEADER = re.compile(r"[|>]([1-9])?[+-]?([1-9])?")


@dataclass
class Code:
    text: str
    line: int           # 1-based line of the element file where the text begins
    indent: int         # the columns of indentation YAML removed from each line


class YAMLProblem(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message, self.line = message, line


def load(text: str) -> Any:
    """The document of `text`; raises YAMLProblem (with a line where YAML gives one)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        what = " ".join(p for p in (e.context, e.problem) if p) or "invalid YAML"
        raise YAMLProblem(f"not valid YAML: {what}", mark.line + 1 if mark else None) from None
    except yaml.YAMLError as e:
        raise YAMLProblem(f"not valid YAML: {e}", None) from None
    finally:
        loader.dispose()
    if node is None:
        return None
    return _Converter(text).value(node, "")


class _Converter:
    def __init__(self, text: str) -> None:
        self.lines = text.split("\n")
        self.count = 0

    def value(self, node: Any, key: str) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YAMLProblem(f"the element has more than {MAX_NODES} YAML nodes", None)
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for k, v in node.value:
                name = str(k.value) if isinstance(k, yaml.ScalarNode) else ""
                if name == "internal_properties":
                    continue
                out[name] = self.code(v, k) if name == "code" else self.value(v, name)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(v, key) for v in node.value]
        return _scalar(node)

    def code(self, node: Any, key: Any) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            return self.value(node, "code")
        start = node.start_mark
        if node.style in ("|", ">"):
            line = start.line + 2                 # the header `|1-` is on the key's line
            header = self.lines[start.line][start.column:] if start.line < len(self.lines) else ""
            m = _HEADER.match(header)
            digit = (m.group(1) or m.group(2)) if m else None
            if digit:
                indent = key.start_mark.column + int(digit)
            else:
                indent = _first_indent(self.lines, start.line + 1)
        else:
            line, indent = start.line + 1, start.column
        return Code(str(node.value), line, indent)


def _first_indent(lines: list[str], at: int) -> int:
    for ln in lines[at:]:
        if ln.strip():
            return len(ln) - len(ln.lstrip(" "))
    return 0


def _scalar(node: Any) -> Any:
    v = node.value
    tag = node.tag
    if tag == _INT:
        try:
            return int(v.replace("_", ""), 0)
        except ValueError:
            return v
    if tag == _BOOL:
        return v.lower() in ("true", "yes", "on", "y")
    if tag == _NULL:
        return None
    if tag == _FLOAT:
        try:
            return float(v)
        except ValueError:
            return v
    return v
