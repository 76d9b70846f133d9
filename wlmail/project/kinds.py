"""The numbers WINDEV writes in its element files, and what they mean.

Only codes seen in PC SOFT's own example projects (GitHub organisations
`PCSOFT-WINDEV-code-source` and `PCSOFT-WINDEV-source-code`, version 28) are named;
docs/projects.md lists where each was seen.  Any other code is shown as its number.
"""
from __future__ import annotations

# `info.type` of a text element, the `type` of an entry in the project's element list,
# and the type in a binary element's header: the same numbers.
ELEMENT_TYPES: dict[int, str] = {
    2: "window", 3: "report", 4: "class", 5: "query", 7: "procedure set", 17: "unit test",
    18: "window template", 4097: "project", 65538: "page", 65541: "page template",
}

# The top-level key holding the element in a text element.
ELEMENT_KEYS: dict[str, str] = {
    "project": "project", "window": "window", "page": "page", "procedure_set": "procedure set",
    "class": "class", "report": "report",
}

# File extensions of elements that can hold code (lower case).  Other files of the folder
# (analysis, data files, images, queries...) are not read unless the project lists them.
ELEMENT_EXTENSIONS: dict[str, str] = {
    ".wdp": "project", ".wwp": "project", ".wdw": "window", ".wdg": "procedure set",
    ".wdc": "class", ".wde": "report", ".wwh": "page",
}

# Folders WINDEV keeps beside the code: backups, generated files, templates, analyses.
SKIPPED_FOLDERS = ("backup", "sauvegarde", "lastsave", "bin", "corbeille", "groupware",
                   "gabarits", "templates", "exe", ".git", ".venv", "__pycache__")
SKIPPED_FOLDER_SUFFIXES = (".ana", ".cpl")
SKIPPED_FOLDER_PREFIXES = ("cache.",)

# procedures[].type_code
PROCEDURE_KINDS: dict[int, str] = {
    12: "method", 14: "local", 15: "global", 27: "constructor", 28: "destructor",
}

# p_codes[].type, by where the code sits.  Element-level codes:
ELEMENT_EVENTS: dict[str, dict[int, str]] = {
    "project": {196608: "initialisation", 196610: "closing"},
    "class": {131072: "declaration"},
    "procedure set": {720896: "declarations"},
    "report": {327680: "opening"},
    "page": {851968: "declarations"},
}
# The first p_codes slot of a window has no `type`: its global declarations, under the
# window's PROCEDURE line.
WINDOW_DECLARATIONS = "global declarations"

# Control-level codes, by the control's `type` (4: button).
CONTROL_EVENTS: dict[int, dict[int, str]] = {
    4: {14: "initialisation", 18: "click"},
}


def event_name(element_kind: str, control_type: int | None, code: int | None,
               in_control: bool) -> str | None:
    if not in_control:
        if code is None and element_kind in ("window", "window template"):
            return WINDOW_DECLARATIONS
        return ELEMENT_EVENTS.get(element_kind, {}).get(code) if code is not None else None
    if control_type is None or code is None:
        return None
    return CONTROL_EVENTS.get(control_type, {}).get(code)
