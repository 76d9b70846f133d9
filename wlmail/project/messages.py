"""The translated texts of a WINDEV project, for its multilingual message references.

Where they are (read in PC SOFT's own example projects saved in the text format, e.g.
`WD HTML Export.wdp`): each element may end with a `resources:` mapping whose `string_res`
holds an `identifier` and a list `strings`, each `{text: {<language>: <text>, ...},
index: <n>}`; the project file's list (identifier 0) holds the project's own messages, and
its `project.languages` lists the project's languages, the main one first.

How code points at them (our reading; PC SOFT documents no syntax for it): `<§$0009§>` is
the message of index 0x0009 of the project's list, `<§@1dc26b98000150580002§>` the one of
index 0x0002 of the list whose identifier is 0x1dc26b9800015058 (16 hexadecimal digits,
then 4 for the index).  A reference that names no text read in the project keeps its
visible placeholder (docs/projects.md).
"""
from __future__ import annotations

from typing import Any


def _number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        try:
            return int(value, 0)
        except ValueError:
            return None
    return None


class MessageTable:
    """(list identifier, index) -> {language: text}, and the project's languages."""

    def __init__(self) -> None:
        self.texts: dict[tuple[int, int], dict[str, str]] = {}
        self.languages: list[str] = []

    def __len__(self) -> int:
        return len(self.texts)

    def add_resources(self, doc: dict[str, Any], project_file: bool) -> None:
        """The `resources.string_res` of one element's YAML document."""
        resources = doc.get("resources")
        res = resources.get("string_res") if isinstance(resources, dict) else None
        if not isinstance(res, dict):
            return
        ident = 0 if project_file else _number(res.get("identifier"))
        strings = res.get("strings")
        if ident is None or not isinstance(strings, list):
            return
        for item in strings:
            if not isinstance(item, dict):
                continue
            index, text = _number(item.get("index")), item.get("text")
            if index is None or not isinstance(text, dict):
                continue
            self.texts[(ident, index)] = {str(k): str(v) for k, v in text.items()
                                          if isinstance(v, (str, int, float))}

    def text(self, ref: str) -> str | None:
        """The text of `ref` (what is between `<§` and `§>`) in the main language (the
        first of the project's languages that the message has), or None."""
        key = _key(ref.strip())
        found = self.texts.get(key) if key is not None else None
        if not found:
            return None
        for language in self.languages:
            if language in found:
                return found[language]
        return next(iter(found.values()))


def _key(ref: str) -> tuple[int, int] | None:
    try:
        if ref.startswith("$") and len(ref) > 1:
            return 0, int(ref[1:], 16)
        if ref.startswith("@") and len(ref) > 5:
            return int(ref[1:-4], 16), int(ref[-4:], 16)
    except ValueError:
        return None
    return None
