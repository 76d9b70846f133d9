"""`wlmail inventory --html`: the page, looked at in a real headless Chromium (Debian's
`chromium`, driven over the DevTools pipe by tests/chromium.py)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chromium import Chromium

PROJECTS = Path(__file__).resolve().parents[1] / "projects"
MAILSHOP = PROJECTS / "mailshop"


def _page(project: Path, tmp_path: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    r = subprocess.run([sys.executable, "-m", "wlmail", "inventory", "--html", str(project)],
                       capture_output=True, text=True, timeout=120)
    page = tmp_path / "inventory.html"
    page.write_text(r.stdout, encoding="utf-8")
    return page, r


def _summary(project: Path) -> dict:
    r = subprocess.run([sys.executable, "-m", "wlmail", "inventory", "--json", str(project)],
                       capture_output=True, text=True, timeout=120)
    return json.loads(r.stdout)["summary"]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part // whole}%"


@pytest.fixture(scope="module")
def browser():
    with Chromium() as b:
        yield b


def test_the_page_shows_the_summary_the_chart_and_every_block(browser, tmp_path):
    page, r = _page(MAILSHOP, tmp_path)
    assert r.returncode == 1, r.stderr        # the project has unreadable elements, as --json
    assert "Traceback" not in r.stderr
    browser.open(page.as_uri())
    assert browser.evaluate("document.title") == "wlmail inventory — MailShop"
    s = _summary(MAILSHOP)     # the page says what --json says
    cards = browser.evaluate("Array.from(document.querySelectorAll('.card b'), b => b.textContent)")
    assert cards == [str(s["elements"]), str(s["blocks"]), _pct(s["blocks_parsing"], s["blocks"]),
                     _pct(s["blocks_can_run"], s["blocks"])]
    # The chart: one bar per state that has blocks, sized by its count.
    bars = browser.evaluate("Array.from(document.querySelectorAll('#chart rect'), "
                            "r => [r.querySelector('title').textContent, "
                            "parseFloat(r.getAttribute('width'))])")
    runs, broken = s["blocks_can_run"], s["blocks"] - s["blocks_parsing"]
    blocked = s["blocks_parsing"] - runs
    assert [b[0] for b in bars] == [f"runs: {runs}", f"blocked: {blocked}",
                                    f"does not parse: {broken}"]
    assert bars[0][1] == pytest.approx(runs / blocked * bars[1][1], rel=0.01)
    assert browser.evaluate("document.querySelector('#chart').getBoundingClientRect().width") > 300
    # Every block has a row; the unreadable elements are listed with their file.
    assert browser.evaluate("document.querySelectorAll('#blocks-table tbody tr').length") \
        == s["blocks"]
    problems = browser.evaluate("document.querySelector('.problems').textContent")
    assert "RPT_Old.wde" in problems and "WIN_Broken.wdw:16" in problems
    # Nothing was fetched: the page is self-contained.
    assert browser.evaluate("performance.getEntriesByType('resource').length") == 0


def test_the_table_sorts_by_a_column_in_both_directions(browser, tmp_path):
    page, _ = _page(MAILSHOP, tmp_path)
    browser.open(page.as_uri())
    lines = "Array.from(document.querySelectorAll('#blocks-table tbody tr'), " \
            "r => parseInt(r.cells[3].textContent))"
    before = browser.evaluate(lines)
    assert before != sorted(before)
    header = "document.querySelectorAll('#blocks-table th')[3]"
    browser.evaluate(f"{header}.click()")
    assert browser.evaluate(lines) == sorted(before)
    assert browser.evaluate(f"{header}.getAttribute('aria-sort')") == "ascending"
    browser.evaluate(f"{header}.click()")
    assert browser.evaluate(lines) == sorted(before, reverse=True)
    # A text column sorts by its text.
    browser.evaluate("document.querySelectorAll('#blocks-table th')[4].click()")
    states = browser.evaluate("Array.from(document.querySelectorAll('#blocks-table tbody tr'), "
                              "r => r.cells[4].textContent)")
    assert states == sorted(states)


def test_each_block_s_code_has_its_problems_marked(browser, tmp_path):
    page, _ = _page(MAILSHOP, tmp_path)
    browser.open(page.as_uri())
    marks = browser.evaluate("Array.from(document.querySelectorAll('mark'), "
                             "m => [m.textContent, m.className, m.title])")
    by_name = {m[0]: m for m in marks}
    assert by_name["HFirst"][1] == "missing"
    assert "HFSQL" in by_name["HFirst"][2] and "does not provide" in by_name["HFirst"][2]
    assert by_name["ShopLogWrite"][1] == "unknown"
    # A block that does not parse has its error line marked, with the message above it.
    bad = browser.evaluate("Array.from(document.querySelectorAll('pre .bad'), "
                           "e => e.textContent)")
    s = _summary(MAILSHOP)
    assert len(bad) == s["blocks"] - s["blocks_parsing"] > 0
    whys = browser.evaluate("Array.from(document.querySelectorAll('.why'), e => e.textContent)")
    assert any(": error: " in w for w in whys)
    # The table's element names lead to the code.
    href = browser.evaluate("document.querySelector('#blocks-table tbody a').getAttribute('href')")
    assert browser.evaluate(f"document.querySelector('{href}') !== null")


def test_code_that_looks_like_html_stays_text(browser, tmp_path):
    project = tmp_path / "odd"
    project.mkdir()
    (project / "odd.wl").write_text(
        '// </pre><script>document.title = "owned"</script>\n'
        's is string = "<img src=x onerror=alert(1)>"\n'
        'HReadFirst(Customer)\n', encoding="utf-8")
    page, r = _page(project, tmp_path)
    assert r.returncode == 0, r.stderr
    browser.open(page.as_uri())
    assert browser.evaluate("document.title") == "wlmail inventory — odd"
    assert browser.evaluate("document.scripts.length") == 1
    assert browser.evaluate("document.images.length") == 0
    code = browser.evaluate("document.querySelector('pre').textContent")
    assert "<script>" in code and "<img src=x" in code
