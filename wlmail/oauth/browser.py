"""Opening the authorization address in the person's browser.

Python's `webbrowser` honours `$BROWSER`, but with no graphical display it falls back to
console browsers (w3m, lynx...) that would take over the terminal wlmail is printing to;
and a `$BROWSER` program makes `open()` wait until it exits.  So: a browser is started
only when `$BROWSER` names one or a display exists and the chosen browser is not a
console one, and always from a daemon thread, so the event loop (which serves the
redirect) never waits for it and a browser that never exits cannot hold the run open.
"""
from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import sys
import threading
import webbrowser

CONSOLE_BROWSERS = frozenset({"www-browser", "links", "links2", "elinks", "lynx", "w3m",
                              "browsh", "carbonyl"})


def has_display(env: dict[str, str] | os._Environ = os.environ,
                platform: str = sys.platform) -> bool:
    if platform in ("win32", "darwin", "cygwin"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def _is_console(controller: webbrowser.BaseBrowser) -> bool:
    name = os.path.basename(getattr(controller, "name", "") or "")
    return name in CONSOLE_BROWSERS


def _from_browser_variable(value: str) -> webbrowser.BaseBrowser | None:
    # Read at each call, as `webbrowser` itself reads $BROWSER only once per process.
    for cmdline in value.split(os.pathsep):
        cmdline = cmdline.strip()
        if not cmdline:
            continue
        if "%s" in cmdline:
            return webbrowser.GenericBrowser(shlex.split(cmdline))
        if shutil.which(cmdline):
            return webbrowser.GenericBrowser(cmdline)
        try:
            return webbrowser.get(cmdline)
        except webbrowser.Error:
            continue
    return None


def choose(env: dict[str, str] | os._Environ = os.environ) -> webbrowser.BaseBrowser | None:
    """The browser to start, or None when the address must only be printed."""
    value = env.get("BROWSER", "")
    if value.strip():
        return _from_browser_variable(value)
    if not has_display(env):
        return None
    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return None
    return None if _is_console(controller) else controller


def open_in_background(controller: webbrowser.BaseBrowser, url: str) -> threading.Thread:
    def run() -> None:
        # A browser that fails to start must not end the sign-in: the address is on
        # stderr and the paste prompt still works.
        with contextlib.suppress(Exception):
            controller.open(url, new=1, autoraise=True)

    t = threading.Thread(target=run, name="wlmail-browser", daemon=True)
    t.start()
    return t
