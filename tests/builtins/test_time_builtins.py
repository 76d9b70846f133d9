import datetime as dt
import re

import pytest


def _around(fn):
    before = dt.datetime.now()
    value = fn()
    after = dt.datetime.now()
    return before, value, after


@pytest.mark.parametrize("name", ["Today", "DateDuJour", "DateSys"])
def test_dates_are_yyyymmdd(wl, name):
    before, value, after = _around(lambda: wl.call(name))
    assert re.fullmatch(r"\d{8}", value)
    assert value in (before.strftime("%Y%m%d"), after.strftime("%Y%m%d"))


@pytest.mark.parametrize("name", ["Now", "Maintenant", "TimeSys", "HeureSys"])
def test_times_are_hhmmsscc(wl, name):
    before, value, after = _around(lambda: wl.call(name))
    assert re.fullmatch(r"\d{8}", value)
    as_time = dt.datetime.combine(before.date(), dt.time(
        int(value[:2]), int(value[2:4]), int(value[4:6]), int(value[6:8]) * 10000))
    assert before.replace(microsecond=before.microsecond // 10000 * 10000) <= as_time <= after


def test_sys_date_time(wl):
    value = wl.call("DateHeureSys")
    assert re.fullmatch(r"\d{16}", value)


def test_date_to_string(wl):
    assert wl.call("DateToString", "20240305") == "05/03/2024"
    assert wl.call("DateVersChaîne", "20240305", "YYYY-MM-DD") == "2024-03-05"
    assert wl.call("DateToString", "20240305", "DDDD D MMMM YY") == "Tuesday 5 March 24"
    assert wl.call("DateToString", "20240305", "DDD MMM") == "Tue Mar"
    assert wl.call("DateToString", "2024030512301500") == "05/03/2024"
    assert wl.call("DateToString", "20241345") == ""
    assert wl.call("DateToString", "") == ""


def test_time_and_datetime_to_string(wl):
    assert wl.call("TimeToString", "13051742") == "13:05:17"
    assert wl.call("HeureVersChaîne", "13051742", "HHhMM SS.CC") == "13h05 17.42"
    assert wl.call("TimeToString", "1305", "H:MM") == "13:05"
    assert wl.call("TimeToString", "9999") == ""
    assert wl.call("DateTimeToString", "2024030513051742") == "05/03/2024 13:05:17"
    assert wl.call("DateHeureVersChaîne", "2024030513051742", "YYYY/MM/DD HH:MM") == \
        "2024/03/05 13:05"
