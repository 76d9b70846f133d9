import pytest

from wlmail.runtime.errors import WLFatal


@pytest.mark.parametrize("value, fmt, expected", [
    (12, None, "12"),
    (2.5, None, "2.5"),
    (0.1 + 0.2, None, "0.3"),
    (12, "5d", "   12"),
    (12, "05d", "00012"),
    (-12, "05d", "-0012"),
    (12, "-5d", "12   "),
    (12, "+d", "+12"),
    (3.14159, ".2f", "3.14"),
    (2.675, ".2f", "2.68"),
    (3.14159, "8.3f", "   3.142"),
    (2.5, "d", "3"),
    (-2.5, "d", "-3"),
    (255, "x", "ff"),
    (255, "X", "FF"),
    (255, "04X", "00FF"),
    (8, "o", "10"),
    (1234.5, ".1e", "1.2e+03"),
])
def test_num_to_string(wl, value, fmt, expected):
    args = (value,) if fmt is None else (value, fmt)
    assert wl.call("NumToString", *args) == expected


def test_num_to_string_french_and_bad_format(wl):
    assert wl.call("NumériqueVersChaîne", 7, "03d") == "007"
    with pytest.raises(WLFatal):
        wl.call("NumToString", 7, "banana")
    with pytest.raises(WLFatal):
        wl.call("NumToString", "abc")


def test_val_is_lenient(wl):
    assert wl.call("Val", "42") == 42
    assert wl.call("Val", " 3.5 kg") == 3.5
    assert wl.call("Val", "abc") == 0
    assert wl.call("Val", "") == 0
    assert wl.call("Val", 7) == 7
    assert wl.call("Val", "FF", "x") == 255
    assert wl.call("Val", "0x1f", "x") == 31
    assert wl.call("Val", "-17", "o") == -15
    assert wl.call("Val", "102", "b") == 2


def test_is_numeric(wl):
    assert wl.call("IsNumeric", "12.5") is True
    assert wl.call("EstNumérique", "12a") is False
    assert wl.call("IsNumeric", 3) is True
    assert wl.call("IsNumeric", "") is False


def test_numbers(wl):
    assert wl.call("Round", 2.5) == 3
    assert wl.call("Arrondi", -2.5) == -3
    assert wl.call("Round", 1.005, 2) == 1.01
    assert wl.call("Round", 1234, -2) == 1200
    assert wl.call("IntegerPart", -3.7) == -3
    assert wl.call("PartieEntière", "8.9") == 8
    assert wl.call("Abs", -4) == 4
    assert wl.call("Max", 3, 9.5, 2) == 9.5
    assert wl.call("Min", "b", "a") == "a"


def test_random_stays_in_range(wl):
    for _ in range(200):
        assert 1 <= wl.call("Random", 6) <= 6
        assert 10 <= wl.call("Hasard", 10, 12) <= 12
        assert 0 <= wl.call("Random") < 1
