"""The import graph of wlmail/ has no cycle and no arrow the layer map forbids.

Every import counts: at the top of a module, inside a function, under `if`, relative
(`from . import x`, `from ..registry import y`) or absolute (`import wlmail.oauth`).
LAYERS below is the map; docs/architecture.md shows the same table (checked here too).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "wlmail"
ARCHITECTURE = ROOT / "docs" / "architecture.md"

# layer: (modules it holds, layers it may import besides itself), lowest first.  A module
# belongs to the layer naming it or its closest enclosing package.
LAYERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "foundation": (("wlmail", "wlmail.names", "wlmail.errors", "wlmail.diagnostics",
                    "wlmail.catalogue", "wlmail.records"), ()),
    "syntax": (("wlmail.syntax",), ("foundation",)),
    "values": (("wlmail.runtime.errors", "wlmail.runtime.values", "wlmail.runtime.collections",
                "wlmail.runtime.enums"),
               ("foundation",)),
    "registry": (("wlmail.registry",), ("foundation", "values")),
    "run services": (("wlmail.runtime.context", "wlmail.runtime.interrupt", "wlmail.runtime.lint"),
                     ("foundation", "values")),
    "engine": (("wlmail.runtime",),
               ("foundation", "syntax", "values", "registry", "run services")),
    "builtins": (("wlmail.runtime.builtins",),
                 ("foundation", "values", "registry", "run services")),
    "oauth": (("wlmail.oauth",), ("foundation", "values", "registry", "run services")),
    "email": (("wlmail.email",), ("foundation", "values", "registry", "run services", "oauth")),
    "reading": (("wlmail.reading",),
                ("foundation", "values", "registry", "run services", "oauth", "email")),
    "domains": (("wlmail.domains",), ("registry", "builtins", "oauth", "email", "reading")),
    "project": (("wlmail.project",),
                ("foundation", "syntax", "values", "registry", "run services", "engine")),
    "tools": (("wlmail.api", "wlmail.cli", "wlmail.__main__", "wlmail.docgen", "wlmail.help",
               "wlmail.repl",
               "wlmail.lsp",
               "wlmail.email.docs"),
              ("foundation", "syntax", "values", "registry", "run services", "engine",
               "builtins", "oauth", "email", "reading", "domains", "project")),
}


def module_names() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _is_package(name: str, modules: dict[str, Path]) -> bool:
    return modules[name].name == "__init__.py"


def _target(name: str, modules: dict[str, Path]) -> str | None:
    """The module of ours that importing `name` runs (the longest existing prefix)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def imports_of(name: str, modules: dict[str, Path]) -> set[str]:
    tree = ast.parse(modules[name].read_text(encoding="utf-8"), str(modules[name]))
    package = name if _is_package(name, modules) else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                got = _target(alias.name, modules)
                if got:
                    found.add(got)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                if node.level > 1:
                    base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if not (base == "wlmail" or base.startswith("wlmail.")):
                continue
            for alias in node.names:
                # `from . import email` imports the module wlmail.email; `from .x import y`
                # imports wlmail.x (y is a name in it).
                got = _target(f"{base}.{alias.name}", modules)
                if got != f"{base}.{alias.name}":
                    got = _target(base, modules)
                if got:
                    found.add(got)
    found.discard(name)
    return found


def graph() -> dict[str, set[str]]:
    modules = module_names()
    return {name: imports_of(name, modules) for name in modules}


def layer_of(name: str) -> str | None:
    best, best_len = None, -1
    for layer, (members, _) in LAYERS.items():
        for m in members:
            if (name == m or name.startswith(m + ".")) and len(m) > best_len:
                best, best_len = layer, len(m)
    return best


def cycles(g: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(g[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def test_the_graph_is_read_correctly() -> None:
    g = graph()
    # Relative, absolute, `from . import x`, and an import inside a function.
    assert "wlmail.registry" in g["wlmail.runtime.builtins.strings"]
    assert {"wlmail.email", "wlmail.oauth", "wlmail.runtime.builtins"} <= g["wlmail.domains"]
    assert "wlmail.oauth" in g["wlmail.oauth.xoauth2"]                # from .. import oauth
    assert "wlmail.email.capture" in g["wlmail.email.transport"]      # inside a function
    assert "wlmail.oauth.identify" in g["wlmail.oauth.functions"]     # inside a function
    assert "wlmail.cli" in g["wlmail.__main__"]                       # absolute


def test_cycles_are_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle() -> None:
    found = cycles(graph())
    assert not found, "import cycles in wlmail/: " + "; ".join(" <-> ".join(c) for c in found)


def test_every_module_has_a_layer() -> None:
    assert [m for m in graph() if layer_of(m) is None] == []


def test_no_arrow_the_layer_map_forbids() -> None:
    bad = []
    for module, targets in sorted(graph().items()):
        layer = layer_of(module)
        assert layer is not None
        allowed = set(LAYERS[layer][1]) | {layer}
        for t in sorted(targets):
            t_layer = layer_of(t)
            if t_layer not in allowed:
                bad.append(f"{module} ({layer}) -> {t} ({t_layer})")
    assert not bad, "imports the layer map forbids:\n" + "\n".join(bad)


def test_the_map_only_allows_lower_layers() -> None:
    order = list(LAYERS)
    for layer, (_, allowed) in LAYERS.items():
        for other in allowed:
            assert order.index(other) < order.index(layer), (layer, other)


def _documented_map() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    start = text.index("<!-- layer map -->")
    end = text.index("<!-- end of layer map -->")
    out = {}
    for line in text[start:end].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or cells[0] in ("Layer", "") or set(cells[0]) <= {"-"}:
            continue
        layer = cells[0].strip("*")
        members = tuple(re.findall(r"`([^`]+)`", cells[1]))
        allowed = tuple(a.strip() for a in cells[2].split(",") if a.strip() not in ("", "—"))
        out[layer] = (members, allowed)
    return out


def test_docs_architecture_shows_this_map() -> None:
    assert _documented_map() == LAYERS


# -- the one entry point ------------------------------------------------------------------
def test_importing_a_domain_registers_nothing() -> None:
    """Registration is explicit: a fresh registry stays empty whatever is imported, and
    load_all fills it once (a second call adds nothing)."""
    from wlmail.domains import load_all
    from wlmail.registry import REGISTRY, Registry

    fresh = Registry()
    assert (fresh.functions, fresh.types, fresh.lints, fresh.domains) == ({}, {}, [], [])
    assert load_all(fresh) is fresh
    assert fresh.domains == ["builtins", "email", "oauth", "reading"]
    counts = (len(fresh.functions), len(fresh.types), len(fresh.lints), len(fresh.run_starts))
    load_all(fresh)
    assert counts == (len(fresh.functions), len(fresh.types), len(fresh.lints),
                      len(fresh.run_starts))
    assert set(fresh.all_names()) == set(load_all().all_names())
    assert fresh.function("EmailEnvoieMessage") is REGISTRY.function("EmailSendMessage")


def test_secret_masking_comes_from_the_declarations() -> None:
    """diagnostics.py knows no email name: the registry hands it what is declared secret."""
    from wlmail.diagnostics import mask_secrets
    from wlmail.domains import load_all
    from wlmail.registry import Registry

    assert "emailstartsmtpsession" not in (PACKAGE / "diagnostics.py").read_text().lower()
    fresh = load_all(Registry())
    assert fresh.secrets.patterns() and "motdepasse" in fresh.secrets.alternation()
    load_all()
    line = 'EmailOuvreSessionSMTP("ann", "hunter2", "smtp.example.com")'
    assert mask_secrets(line)[0] == 'EmailOuvreSessionSMTP("ann", "***", "smtp.example.com")'
    assert mask_secrets('s.MotDePasse = "hunter2"')[0] == 's.MotDePasse = "***"'


def test_every_failure_is_a_wlerror() -> None:
    from wlmail.email.message import BuildError
    from wlmail.email.transport import SessionFailure
    from wlmail.errors import UsageError, WLError
    from wlmail.oauth.validate import OAuthProblem
    from wlmail.runtime.errors import Err, WLFailure, WLFatal
    from wlmail.syntax.source import ParseError

    for cls in (UsageError, ParseError, WLFatal, WLFailure, SessionFailure, BuildError,
                OAuthProblem):
        assert issubclass(cls, WLError), cls
    for cls in (SessionFailure, BuildError, OAuthProblem):
        assert issubclass(cls, WLFailure), cls
    fatal = WLFatal("cannot convert", Err.CONVERSION).locate("a.wl", 3, 7)
    assert (fatal.code, fatal.message, fatal.where) == (Err.CONVERSION, "cannot convert", "a.wl:3:7")
    syntax = ParseError("a.wl", 2, 5, "unexpected `)`")
    assert (syntax.code, syntax.message, syntax.where) == (0, "unexpected `)`", "a.wl:2:5")
    failure = OAuthProblem(Err.OAUTH_DENIED, "refused", "details")
    assert (failure.code, failure.message, failure.details, failure.where) == \
        (Err.OAUTH_DENIED, "refused", "details", "")
    usage = UsageError("--capture /x", "this is a file, not a folder")
    assert usage.format() == "wlmail: error: --capture /x: this is a file, not a folder"
    assert usage.exit_status == 2
