"""WINDEV projects: read a project folder (text-format elements, `.wl` files), inventory
what its code uses, check it as a whole.

A layer above the engine: it reads elements (reader.py), parses their code blocks with
wlmail's own parser and classifies the names they use against the registry the caller
filled (inventory.py), and checks every block (check.py).  Nothing below imports it.
docs/projects.md says what is read and what is not.
"""
from __future__ import annotations

from .model import CodeBlock, Element, Problem, Project
from .reader import open_project

__all__ = ["CodeBlock", "Element", "Problem", "Project", "open_project"]
