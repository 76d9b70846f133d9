"""Odd arguments a script may pass by mistake (arrays where a text is expected, huge or
infinite counts, lengths no memory holds, NUL in a file name): each is a fatal error
naming the function, or a sensible answer; never a Python exception (exit status 70)."""
from __future__ import annotations

import pytest

from wlmail.oauth.types import AuthToken
from wlmail.runtime.builtins.arguments import MAX_TEXT
from wlmail.runtime.errors import Err, WLFatal
from wlmail.runtime.values import T_INT, T_STRING, WLArray, WLObject

INF = float("inf")
NAN = float("nan")


class Opaque(WLObject):
    """An object type with no text form (like most WINDEV objects)."""
    TYPE_NAME = "Opaque"


def _fatal(wl, name, *args) -> WLFatal:
    with pytest.raises(WLFatal) as info:
        wl.call(name, *args)
    return info.value


# -- text arguments -----------------------------------------------------------------------

TEXT_CALLS = [
    ("Length", ()), ("Upper", ()), ("Lower", ()), ("Left", (1,)), ("Right", (1,)),
    ("Middle", (1,)), ("Position", ("a",)), ("Contains", ("a",)), ("Replace", ("a", "b")),
    ("StringCount", ("a",)), ("NoSpace", ()), ("Complete", (5,)), ("Repeat", (2,)),
    ("ExtractString", (1,)), ("StringBuild", ()), ("StringStartsWith", ("a",)),
    ("StringEndsWith", ("a",)), ("StringToArray", ()), ("Asc", ()), ("Val", ()),
    ("DateToString", ()), ("TimeToString", ()), ("DateTimeToString", ()),
]


@pytest.mark.parametrize("name, rest", TEXT_CALLS, ids=[c[0] for c in TEXT_CALLS])
def test_string_functions_refuse_an_array(wl, name, rest):
    e = _fatal(wl, name, WLArray(T_INT, [1, 2]), *rest)
    assert e.code == Err.ARGUMENT_TYPE
    assert e.message.startswith(f"{name}: ") and e.message.endswith("not an array")


def test_length_and_upper_of_an_array_are_errors_not_guesses(wl):
    # Length([1,2]) was 4 (the text "1\r\n2") and Upper of an array of arrays was "".
    assert "not an array" in _fatal(wl, "Length", WLArray(T_INT, [1, 2])).message
    assert "not an array" in _fatal(wl, "Majuscule", WLArray(T_STRING, [])).message


def test_an_array_anywhere_a_text_is_expected(wl):
    arr = WLArray(T_STRING, ["a"])
    e = _fatal(wl, "Replace", "abc", "b", arr)
    assert e.message == "Replace: the replacement must be a text, not an array"
    assert "parameter 2" in _fatal(wl, "StringBuild", "%1 %2", "x", arr).message
    assert "separator" in _fatal(wl, "ArrayToString", WLArray(T_INT, [1]), arr).message
    assert "the file name" in _fatal(wl, "fLoadText", arr).message
    assert "the mask" in _fatal(wl, "DateToString", "20240102", arr).message


def test_an_object_without_a_text_form_is_refused(wl):
    e = _fatal(wl, "Upper", Opaque())
    assert e.code == Err.ARGUMENT_TYPE
    assert e.message == "Upper: the argument must be a text, not an Opaque"


def test_an_object_with_a_text_form_reads_as_that_text(wl):
    # As on assignment to a string: WINDEV reads an AuthToken used as text as its Value.
    token = AuthToken()
    token.value = "ya29.abc"
    assert wl.call("Length", token) == 8


def test_numbers_booleans_null_and_buffers_still_convert(wl):
    assert wl.call("Length", 1234) == 4
    assert wl.call("Length", 2.5) == 3
    assert wl.call("Upper", True) == "1"
    assert wl.call("Length", None) == 0
    assert wl.call("Upper", b"abc") == "ABC"
    assert wl.call("Complete", 7, 3, "0") == "700"


# -- lengths and counts ---------------------------------------------------------------------

@pytest.mark.parametrize("name, args", [
    ("Complete", ("ab", 1e12)),
    ("Complete", ("", MAX_TEXT + 1)),
    ("Complete", ("ab", 10**30)),
    ("Repeat", ("ab", 1e12)),
    ("Repeat", ("ab", MAX_TEXT // 2 + 1)),
    ("Repeat", ("x", 10**30)),
    ("Replace", ("a" * 1000, "a", "b" * 100_001)),
    ("Replace", ("a" * 1000, "A", "b" * 100_001, 1)),
    ("StringBuild", ("%1" * 1000, "x" * 100_001)),
    ("NumToString", (1.5, "200000000d")),
    ("NumToString", (1.5, ".200000000f")),
    ("NumToString", (1.5, "9" * 5000 + "d")),
])
def test_a_text_longer_than_the_limit_is_a_clear_error(wl, name, args):
    e = _fatal(wl, name, *args)
    assert e.code == Err.ARGUMENT_TYPE
    assert e.message.startswith(f"{name}: ")
    assert "100,000,000" in e.message


def test_lengths_up_to_the_limit_work(wl):
    assert wl.call("Complete", "ab", 5, "xy") == "abxyx"
    assert wl.call("Repeat", "", 10**30) == ""
    assert wl.call("Repeat", "ab", -3) == ""
    assert len(wl.call("Repeat", "ab", 1_000_000)) == 2_000_000
    assert wl.call("Complete", "abc", -1e12) == ""


@pytest.mark.parametrize("name, args", [
    ("Left", ("abc", "1e999")),
    ("Right", ("abc", "1e999")),
    ("Middle", ("abc", "1e999")),
    ("Position", ("abc", "b", "1e999")),
    ("Contains", ("abc", "b", "1e999")),
    ("NoSpace", (" a ", "1e999")),
    ("ExtractString", ("a", "1e999")),
    ("Charact", ("1e999",)),
    ("Complete", ("a", "9" * 5000)),
    ("Round", (2.5, "1e999")),
    ("Random", ("1e999",)),
    ("ErrorInfo", ("1e999",)),
    ("ExceptionInfo", ("1e999",)),
    ("fExtractPath", ("a/b.txt", "1e999")),
    ("Abs", ("9" * 5000,)),
    ("CommandLine", (INF,)),
])
def test_an_infinite_or_enormous_integer_argument_is_a_conversion_error(wl, name, args):
    e = _fatal(wl, name, *args)
    assert e.code == Err.CONVERSION
    assert e.message.startswith(f"{name}: cannot convert ")


def test_exception_throw_with_an_infinite_code(wl):
    e = _fatal(wl, "ExceptionThrow", "1e999", "boom")
    assert e.code == Err.CONVERSION


def test_array_functions_with_an_infinite_value_or_index(wl):
    arr = WLArray(T_INT, [1, 2])
    assert _fatal(wl, "ArrayAdd", arr, "1e999").code == Err.CONVERSION
    assert _fatal(wl, "ArrayInsert", arr, 1, "1e999").code == Err.CONVERSION
    assert _fatal(wl, "ArrayDelete", arr, "1e999").code == Err.CONVERSION
    assert _fatal(wl, "ArraySeek", arr, "1e999", 1).code == Err.CONVERSION
    assert arr.items == [1, 2]


# -- numbers to text --------------------------------------------------------------------------

@pytest.mark.parametrize("value, fmt, expected", [
    (1e30, ".2f", "1000000000000000000000000000000.00"),
    (-1e30, "d", "-1000000000000000000000000000000"),
    (10**30, "d", "1" + "0" * 30),
    (10**30, None, "1" + "0" * 30),
    (1e-7, ".10f", "0.0000001000"),
    (-0.4, "d", "0"),
    (-0.004, ".2f", "0.00"),
    (2.675, ".2e", "2.68e+00"),
    (5, ".1e", "5.0e+00"),
    (1e300, ".2e", "1.00e+300"),
    (1e30, "x", format(10**30, "x")),
    (INF, ".2f", "inf"),
    (-INF, "+8d", "    -inf"),
    (INF, "+6d", "  +inf"),
    (INF, "08.2f", "     inf"),
    (NAN, "-6d", "nan   "),
    (INF, None, "inf"),
])
def test_num_to_string_of_big_tiny_and_infinite_numbers(wl, value, fmt, expected):
    args = (value,) if fmt is None else (value, fmt)
    assert wl.call("NumToString", *args) == expected


def test_num_to_string_of_a_big_real_with_a_wide_format(wl):
    text = wl.call("NumToString", 1e300, "400.2f")
    # The shortest decimal form of the real, as for every real: no binary noise digits.
    assert text == " " * 96 + "1" + "0" * 300 + ".00"


def test_num_to_string_with_many_decimals_only_adds_zeros(wl):
    text = wl.call("NumToString", 0.1, ".1000f")
    assert text == "0.1" + "0" * 999
    assert wl.call("NumToString", 5e-324, ".400f") == "0." + "0" * 323 + "5" + "0" * 76


def test_num_to_string_of_val_1e999(wl):
    assert wl.call("Val", "1e999") == INF
    assert wl.call("NumToString", wl.call("Val", "1e999"), "10.2f") == "       inf"


def test_num_to_string_format_errors_never_show_a_token(wl):
    token = AuthToken()
    token.value = "ya29.secret-value"
    e = _fatal(wl, "NumToString", 1, token)
    assert "ya29" not in e.message
    e = _fatal(wl, "Val", "1", token)
    assert "ya29" not in e.message
    e = _fatal(wl, "Max", 1, token)
    assert "ya29" not in e.message and "AuthToken" in e.message


def test_round_of_big_and_far_places(wl):
    assert wl.call("Round", 1e30, 2) == 1e30
    assert wl.call("Round", 10**30 + 7, -1) == 10**30 + 10
    assert wl.call("Round", 5, -10**12) == 0
    assert wl.call("Round", 1.5, 10**12) == 1.5
    assert wl.call("Round", 2.675, 2) == 2.68
    assert wl.call("Round", INF, 2) == INF


def test_integer_part_of_an_infinite_real(wl):
    assert _fatal(wl, "IntegerPart", wl.call("Val", "1e999")).code == Err.ARGUMENT_TYPE


# -- the rest -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, args", [
    ("fLoadText", ("a\0b",)), ("fSaveText", ("a\0b", "x")), ("fAddText", ("a\0b", "x")),
    ("fSize", ("a\0b",)), ("fDelete", ("a\0b",)), ("fMakeDir", ("a\0b",)),
    ("fCopyFile", ("x", "a\0b")), ("fRename", ("a\0b", "x")), ("fFileExist", ("a\0b",)),
    ("INIRead", ("s", "k", "", "a\0b")), ("INIWrite", ("s", "k", "v", "a\0b")),
])
def test_a_nul_character_in_a_file_name_is_a_clear_error(wl, name, args):
    e = _fatal(wl, name, *args)
    assert e.code == Err.ARGUMENT_TYPE
    assert "NUL character" in e.message


def test_a_file_name_too_long_for_the_system(wl):
    long_name = "d\\" + "a" * 5000
    assert wl.call("fFileExist", long_name) is False
    assert wl.call("fDirExist", "b" * 5000) is False
    assert wl.call("fLoadText", long_name) == ""
    assert wl.rt.error.occurred
    assert wl.call("fCopyFile", "c" * 5000, "dest.txt") is False
    assert wl.rt.error.occurred


@pytest.mark.parametrize("duration", [NAN, INF, "1e999", 1e300, -1e12])
def test_multitask_refuses_an_endless_wait(wl, duration):
    assert _fatal(wl, "Multitask", duration).code == Err.ARGUMENT_TYPE
