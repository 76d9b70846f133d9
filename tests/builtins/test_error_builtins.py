import pytest

from wlmail.runtime.errors import Err, WLFatal


def test_error_info_before_any_error(wl):
    assert wl.call("ErrorOccurred") is False
    assert wl.call("ErrorInfo") == ""
    assert wl.call("ErrorInfo", wl.const("errCode")) == 0
    assert wl.call("ErrorInfo", wl.const("errFullDetails")) == ""


def test_error_info_reads_the_last_failure(wl):
    wl.rt.fail(Err.AUTH_REFUSED, "authentication refused: 535 5.7.8 bad credentials",
               "C: AUTH PLAIN ***\nS: 535 5.7.8 bad credentials")
    assert wl.call("ErreurDétectée") is True
    assert wl.call("ErrorInfo") == "authentication refused: 535 5.7.8 bad credentials"
    assert wl.call("ErreurInfo", wl.const("errMessage")) == wl.call("ErrorInfo")
    assert wl.call("ErrorInfo", wl.const("errSummary")) == wl.call("ErrorInfo")
    assert wl.call("ErrorInfo", wl.const("errCode")) == 2007
    full = wl.call("ErrorInfo", wl.const("errFullDetails"))
    assert full == ("authentication refused: 535 5.7.8 bad credentials\nError code: 2007\n"
                    "C: AUTH PLAIN ***\nS: 535 5.7.8 bad credentials")
    assert wl.call("ErrorInfo", wl.const("errComplet")) == full


def test_unknown_info_type_is_fatal(wl):
    with pytest.raises(WLFatal) as e:
        wl.call("ErrorInfo", 42)
    assert e.value.code == Err.BAD_OPTION


def test_exception_throw_keeps_the_scripts_code(wl):
    with pytest.raises(WLFatal) as e:
        wl.call("ExceptionThrow", 42, "my own failure")
    assert e.value.code == 42 and e.value.message == "my own failure"
    with pytest.raises(WLFatal) as e:
        wl.call("ExceptionDéclenche", "7")
    assert e.value.code == 7 and "7" in e.value.message


def test_exception_info_reads_the_handled_exception(wl):
    assert wl.call("ExceptionInfo") == ""
    assert wl.call("ExceptionInfo", wl.const("errCode")) == 0
    exc = WLFatal("index 4 is out of range", Err.INDEX_OUT_OF_RANGE).locate("/s/a.wl", 12, 3)
    wl.rt.exception = exc
    assert wl.call("ExceptionInfo") == "index 4 is out of range"
    assert wl.call("ExceptionInfo", wl.const("errCode")) == 1003
    assert wl.call("ExceptionInfo", wl.const("errFullDetails")) == \
        "index 4 is out of range\nError code: 1003\nAt: /s/a.wl:12"
