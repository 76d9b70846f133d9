"""What reading a project gives: its elements, their code blocks with their origin, and
the problems met on the way (each with its file and, where known, its line)."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from .messages import MessageTable


@contextmanager
def collector_paused() -> Iterator[None]:
    """Reading a project makes many small objects that all live on (YAML trees, syntax
    trees): Python's cycle collector would walk them again and again for nothing, as in
    the resolver and the code generator."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Problem:
    file: str                 # relative to the project folder
    line: int | None
    message: str
    severity: str = "error"   # "error": the element could not be read; "warning": read, with a doubt

    def format(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.severity}: {self.message}"


@dataclass
class CodeBlock:
    """One piece of WLanguage code and where it sits in the project."""
    file: str                          # element file, relative to the project folder
    element: str                       # the element's name (WIN_Main, COL_Mail, ...)
    element_kind: str                  # window, page, procedure set, class, report, project, script...
    code: str                          # verbatim, as in the element (message references kept)
    line: int                          # line of the element file holding the code's first line
    column_offset: int = 0             # indentation of the code inside the element file
    control: str = ""                  # control path inside the element: "TABLE_X.COL_Y"
    event: int | None = None           # the p_codes `type`
    event_name: str | None = None      # readable name where the code is known
    procedure: str | None = None       # a named procedure's name
    procedure_kind: str | None = None  # global, local, method, constructor, destructor...
    language: str = "WLanguage"        # `language:` of the element (PHP, JS, Java are not WLanguage)
    browser: bool = False              # `role: B` / `N`: browser code of WEBDEV
    enabled: bool = True

    @property
    def origin(self) -> str:
        """Where the block is, the way a WINDEV developer names it."""
        parts = [f"{self.element_kind} {self.element}"]
        if self.control:
            parts.append(f"control {self.control}")
        if self.procedure is not None:
            parts.append(f"{self.procedure_kind or 'procedure'} procedure {self.procedure}")
        elif self.event_name and self.element_kind == "script":
            parts.append(self.event_name)                 # "main code"
        elif self.event_name:
            parts.append(f"event {self.event_name}" + (" (browser)" if self.browser else ""))
        elif self.event is not None:
            parts.append(f"event {self.event}" + (" (browser)" if self.browser else ""))
        return ", ".join(parts)


@dataclass
class Element:
    file: str
    name: str
    kind: str
    status: str = "read"               # read | binary | unreadable | missing | unknown kind
    version: int | None = None         # major version (info.major_version, or the binary header)
    blocks: list[CodeBlock] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.status in ("read", "unknown kind")


@dataclass
class Project:
    path: str                          # the folder (or the .wdp/.wl file) given
    root: str                          # the folder element paths are relative to
    name: str
    kind: str                          # "WINDEV project" | "folder" | "element" (one file)
    elements: list[Element] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # The translated texts of `<§...§>` message references (messages.py).
    messages: MessageTable = field(default_factory=MessageTable)

    def blocks(self) -> list[CodeBlock]:
        return [b for e in self.elements for b in e.blocks]
