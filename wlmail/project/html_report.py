"""The inventory as one page a person would rather look at (`wlmail inventory --html`).

The page is self-contained: styles and the small sorting script are inline, nothing is
fetched (a Content-Security-Policy forbids it), so it can be mailed or archived as is.
Everything is rendered here, in Python: without JavaScript the page still shows the
summary, the chart, the table and the code; the script only sorts the table.  Code from the
project is escaped on every path, because a project may hold any text."""
from __future__ import annotations

import re
from html import escape
from typing import TextIO

from ..names import fold
from .inventory import NOT_IN_WLMAIL, UNKNOWN, BlockReport, Inventory, NameUse
from .report import summary

# The four fates of a code block, in the order the chart and the legend show them.
RUNS, BLOCKED, NO_PARSE, NOT_WL = "runs", "blocked", "does not parse", "not WLanguage"
_COLOURS = {RUNS: "#2e7d32", BLOCKED: "#ef6c00", NO_PARSE: "#c62828", NOT_WL: "#9e9e9e"}
_IDENT = re.compile(r"[^\W\d]\w*")

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1em 2em;color:#222}
h1{font-size:1.5em;margin-bottom:.2em} h2{margin-top:1.6em;border-bottom:1px solid #ddd}
.path{color:#666;margin-top:0}
.cards{display:flex;gap:1em;flex-wrap:wrap}
.card{border:1px solid #ddd;border-radius:6px;padding:.6em 1em;min-width:9em}
.card b{display:block;font-size:1.6em}
.legend span{display:inline-block;margin-right:1.2em}
.legend i{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:-.1em}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.25em .5em;border-bottom:1px solid #eee;vertical-align:top}
th{cursor:pointer;user-select:none;background:#f6f6f6}
th[aria-sort=ascending]::after{content:" \\25B2"} th[aria-sort=descending]::after{content:" \\25BC"}
td.n{text-align:right}
.st{font-weight:600} .st-runs{color:#2e7d32} .st-blocked{color:#ef6c00}
.st-does-not-parse{color:#c62828} .st-not-WLanguage{color:#757575}
pre{background:#fafafa;border:1px solid #eee;padding:.5em;overflow:auto;font-size:13px}
pre .ln{color:#999;display:inline-block;width:4em;user-select:none}
pre .bad{background:#ffebee;display:block}
mark.missing{background:#ffe0b2;border-bottom:2px solid #ef6c00}
mark.unknown{background:#ffcdd2;border-bottom:2px solid #c62828}
.why{color:#c62828;font-weight:600}
.problems li{color:#c62828}
"""

# Sorting by a column: numbers by their data-v value, text by its folded content.
_SCRIPT = """
document.querySelectorAll("table.sortable").forEach(function (table) {
  var heads = table.tHead.rows[0].cells, body = table.tBodies[0];
  Array.prototype.forEach.call(heads, function (th, col) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var key = function (row) {
        var cell = row.cells[col];
        return cell.hasAttribute("data-v") ? parseFloat(cell.getAttribute("data-v"))
                                           : cell.textContent.toLowerCase();
      };
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"""


def fate(r: BlockReport) -> str:
    if r.not_wlanguage:
        return NOT_WL
    if not r.parses:
        return NO_PARSE
    return RUNS if r.can_run else BLOCKED


def _where(r: BlockReport) -> str:
    origin = r.block.origin
    return origin.split(", ", 1)[1] if ", " in origin else "code"


def _chart(counts: dict[str, int]) -> str:
    """One stacked bar of the blocks by fate, drawn in SVG (no script needed)."""
    total = sum(counts.values())
    width, height = 1000, 36
    parts, x = [], 0.0
    for what, n in counts.items():
        if not n:
            continue
        w = width * n / total
        parts.append(f'<rect x="{x:.2f}" y="0" width="{w:.2f}" height="{height}" '
                     f'fill="{_COLOURS[what]}"><title>{escape(what)}: {n}</title></rect>')
        x += w
    legend = "".join(f'<span><i style="background:{_COLOURS[w]}"></i>{escape(w)}: {n}</span>'
                     for w, n in counts.items())
    return (f'<svg id="chart" role="img" aria-label="code blocks by state" '
            f'viewBox="0 0 {width} {height}" preserveAspectRatio="none" width="100%" height="{height}">'
            + "".join(parts) + f'</svg><p class="legend">{legend}</p>')


def _marked_line(text: str, missing: dict[str, NameUse]) -> str:
    """A line of code with each name that stops it from running marked and explained."""
    out, last = [], 0
    for m in _IDENT.finditer(text):
        n = missing.get(fold(m.group()))
        if n is None:
            continue
        out.append(escape(text[last:m.start()]))
        kind = "unknown" if n.status == UNKNOWN else "missing"
        why = f"{n.name}: {_why(n.status, n.family)}"
        out.append(f'<mark class="{kind}" title="{escape(why)}">{escape(m.group())}</mark>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _why(status: str, family: str | None) -> str:
    if status == NOT_IN_WLMAIL:
        return f"a WLanguage {family} name that wlmail does not provide" if family \
            else "a WLanguage name that wlmail does not provide"
    return "unknown"


def _code(index: int, r: BlockReport) -> str:
    b = r.block
    missing = {fold(n.name): n for n in r.missing}
    bad_line = r.syntax_error.line if r.syntax_error is not None else None
    lines = []
    for i, text in enumerate(b.code.splitlines() or [""]):
        number = b.line + i
        body = _marked_line(text, missing) if missing else escape(text)
        row = f'<span class="ln">{number}</span>{body}'
        lines.append(f'<span class="bad">{row}</span>' if number == bad_line else row + "\n")
    head = f'<h3 id="block-{index}">{escape(b.file)} — {escape(b.origin)}</h3>'
    why = ""
    if r.syntax_error is not None:
        e = r.syntax_error
        why = (f'<p class="why">{escape(b.file)}:{e.line}:{e.column}: error: '
               f"{escape(e.message)}</p>")
    elif r.missing:
        why = '<p class="why">cannot run: ' + ", ".join(
            escape(f"{n.name}: {_why(n.status, n.family)}") for n in missing.values()) + "</p>"
    return head + why + "<pre>" + "".join(lines) + "</pre>"


def write_html(inv: Inventory, out: TextIO) -> None:
    p = inv.project
    s = summary(inv)
    counts = {RUNS: 0, BLOCKED: 0, NO_PARSE: 0, NOT_WL: 0}
    for r in inv.blocks:
        counts[fate(r)] += 1
    title = f"wlmail inventory — {p.name}"
    w = out.write
    w("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
      f"<title>{escape(title)}</title><style>{_STYLE}</style></head><body>\n")
    w(f"<h1>{escape(p.kind)} {escape(p.name)}</h1><p class=\"path\">{escape(p.path)}</p>\n")

    def pct(part: int, whole: int) -> str:
        return f"{100 * part // whole}%" if whole else "-"
    w('<div class="cards">'
      f'<div class="card" id="elements"><b>{s["elements"]}</b>elements '
      f'({s["elements_unreadable"]} not read)</div>'
      f'<div class="card" id="blocks"><b>{s["blocks"]}</b>code blocks, {s["lines"]} lines</div>'
      f'<div class="card" id="parse"><b>{pct(s["blocks_parsing"], s["blocks"])}</b>'
      f'of the blocks parse</div>'
      f'<div class="card" id="run"><b>{pct(s["blocks_can_run"], s["blocks"])}</b>'
      f'could run ({pct(s["lines_can_run"], s["lines"])} of the lines)</div></div>\n')
    w(_chart(counts) + "\n")
    if s["blocking_names"]:
        w("<h2>Names blocking the most blocks</h2><table class=\"sortable\" id=\"blockers\">"
          "<thead><tr><th>name</th><th>what it is</th><th>blocks</th>"
          "<th>the only missing name of</th></tr></thead><tbody>\n")
        for b in s["blocking_names"]:
            what = _why(b["class"], b["family"])
            w(f"<tr><td>{escape(b['name'])}</td><td>{escape(what)}</td>"
              f"<td class=\"n\" data-v=\"{b['blocks']}\">{b['blocks']}</td>"
              f"<td class=\"n\" data-v=\"{b['only_missing_name_of']}\">"
              f"{b['only_missing_name_of']}</td></tr>\n")
        w("</tbody></table>\n")
    if p.problems:
        w('<h2>Problems reading the project</h2><ul class="problems">'
          + "".join(f"<li>{escape(pr.format())}</li>" for pr in p.problems) + "</ul>\n")
    w("<h2>Code blocks</h2><p>Click a column's title to sort.</p>"
      "<table class=\"sortable\" id=\"blocks-table\"><thead><tr><th>element</th><th>kind</th>"
      "<th>where</th><th>lines</th><th>state</th><th>names missing</th></tr></thead><tbody>\n")
    for i, r in enumerate(inv.blocks):
        b, state = r.block, fate(r)
        names = ", ".join(sorted({n.name for n in r.missing}, key=fold))
        w(f"<tr><td><a href=\"#block-{i}\">{escape(b.element)}</a></td>"
          f"<td>{escape(b.element_kind)}</td><td>{escape(_where(r))}</td>"
          f"<td class=\"n\" data-v=\"{r.lines}\">{r.lines}</td>"
          f"<td class=\"st st-{state.replace(' ', '-')}\">{escape(state)}</td>"
          f"<td>{escape(names)}</td></tr>\n")
    w("</tbody></table>\n<h2>The code</h2>\n")
    for i, r in enumerate(inv.blocks):
        if not r.not_wlanguage:
            w(_code(i, r) + "\n")
    w(f"<script>{_SCRIPT}</script>\n</body></html>\n")

