"""Dates and times, in WLanguage's own text forms.

A date is "YYYYMMDD", a time "HHMMSSCC" (CC = hundredths), a datetime
"YYYYMMDDHHMMSSCC" (see wlmail.runtime.values). Masks for display use WINDEV's letters:
YYYY YY MMMM MMM MM M DDDD DDD DD D for dates, HH H MM SS CC LLL for times; in a mask
holding both, MM after an hour means minutes. Month and day names are English.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...registry import Declarations
from ..context import Context
from .arguments import text

if TYPE_CHECKING:
    import datetime as _dt

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _now() -> _dt.datetime:
    import datetime as _dt  # on the first call: a script that asks no date does not pay for it
    return _dt.datetime.now()


def date_text(d: _dt.datetime) -> str:
    return d.strftime("%Y%m%d")


def time_text(d: _dt.datetime) -> str:
    return d.strftime("%H%M%S") + f"{d.microsecond // 10000:02d}"


def datetime_text(d: _dt.datetime) -> str:
    return date_text(d) + time_text(d)


@DECLARE.function("Today", "DateDuJour", returns="date")
def today(rt: Context) -> str:
    """Today's date, "YYYYMMDD"."""
    return date_text(_now())


@DECLARE.function("DateSys", "DateSys", returns="date", example="""
    Trace(DateToString(DateSys(), "YYYY-MM-DD"))   // today
""")
def date_sys(rt: Context) -> str:
    """The system date, "YYYYMMDD"."""
    return date_text(_now())


@DECLARE.function("TimeSys", "HeureSys", returns="time")
def time_sys(rt: Context) -> str:
    """The system time, "HHMMSSCC"."""
    return time_text(_now())


@DECLARE.function("Now", "Maintenant", returns="time")
def now(rt: Context) -> str:
    """The current time, "HHMMSSCC"."""
    return time_text(_now())


@DECLARE.function("SysDateTime", "DateHeureSys", returns="datetime")
def sys_date_time(rt: Context) -> str:
    """The current date and time, "YYYYMMDDHHMMSSCC"."""
    return datetime_text(_now())


_TOKEN = re.compile(r"YYYY|YY|MMMM|MMM|MM|M|DDDD|DDD|DD|D|HH|H|SS|CC|LLL")


def _parse_date(text: str) -> _dt.date | None:
    digits = text.strip()
    if len(digits) < 8 or not digits[:8].isdigit():
        return None
    import datetime as _dt
    try:
        return _dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def _parse_time(text: str) -> tuple[int, int, int, int] | None:
    digits = text.strip()
    if len(digits) < 4 or not digits.isdigit():
        return None
    digits = (digits + "00000000")[:8]
    h, m, s, c = (int(digits[i:i + 2]) for i in range(0, 8, 2))
    if h > 23 or m > 59 or s > 59:
        return None
    return h, m, s, c


def _render(mask: str, date: _dt.date | None, tm: tuple[int, int, int, int] | None,
            minutes_first: bool) -> str:
    seen_hour = minutes_first

    def sub(m: re.Match) -> str:
        nonlocal seen_hour
        tok = m.group(0)
        if tok in ("HH", "H") and tm is not None:
            seen_hour = True
            return f"{tm[0]:02d}" if tok == "HH" else str(tm[0])
        if tok in ("MM", "M") and seen_hour and tm is not None:
            return f"{tm[1]:02d}" if tok == "MM" else str(tm[1])
        if tok == "SS" and tm is not None:
            return f"{tm[2]:02d}"
        if tok == "CC" and tm is not None:
            return f"{tm[3]:02d}"
        if tok == "LLL" and tm is not None:
            return f"{tm[3] * 10:03d}"
        if date is None:
            return tok
        return {
            "YYYY": f"{date.year:04d}", "YY": f"{date.year % 100:02d}",
            "MMMM": _MONTHS[date.month - 1], "MMM": _MONTHS[date.month - 1][:3],
            "MM": f"{date.month:02d}", "M": str(date.month),
            "DDDD": _DAYS[date.weekday()], "DDD": _DAYS[date.weekday()][:3],
            "DD": f"{date.day:02d}", "D": str(date.day),
        }.get(tok, tok)

    return _TOKEN.sub(sub, mask)


@DECLARE.function("DateToString", "DateVersChaîne", returns="string", example="""
    Trace(DateToString("20240131", "DD/MM/YYYY"))   // 31/01/2024
""")
def date_to_string(rt: Context, date: Any, mask: Any = "DD/MM/YYYY") -> str:
    """A date ("YYYYMMDD", or the date part of a datetime) shown with a mask,
    "DD/MM/YYYY" by default; "" when the value is not a valid date."""
    d = _parse_date(text("DateToString", date, "the date"))
    return "" if d is None else _render(text("DateToString", mask, "the mask"), d, None, False)


@DECLARE.function("TimeToString", "HeureVersChaîne", returns="string")
def time_to_string(rt: Context, time: Any, mask: Any = "HH:MM:SS") -> str:
    """A time ("HHMMSSCC") shown with a mask, "HH:MM:SS" by default; "" when invalid."""
    t = _parse_time(text("TimeToString", time, "the time"))
    return "" if t is None else _render(text("TimeToString", mask, "the mask"), None, t, True)


@DECLARE.function("DateTimeToString", "DateHeureVersChaîne", returns="string")
def datetime_to_string(rt: Context, value: Any, mask: Any = "DD/MM/YYYY HH:MM:SS") -> str:
    """A datetime ("YYYYMMDDHHMMSSCC") shown with a mask, "DD/MM/YYYY HH:MM:SS" by
    default; "" when the date part is invalid."""
    fn = "DateTimeToString"
    stamp = text(fn, value, "the datetime").strip()
    d = _parse_date(stamp)
    if d is None:
        return ""
    t = _parse_time(stamp[8:]) if len(stamp) > 8 else (0, 0, 0, 0)
    return _render(text(fn, mask, "the mask"), d, t or (0, 0, 0, 0), False)
