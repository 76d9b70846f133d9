import pytest

from wlmail.runtime.errors import Err, WLFatal
from wlmail.runtime.values import T_INT, WLArray


def test_constants(wl):
    assert wl.const("CR") == "\r\n" == wl.const("RC")
    assert wl.const("TAB") == "\t"
    assert wl.const("LF") == "\n"


@pytest.mark.parametrize("en, fr", [("Length", "Taille"), ("Upper", "Majuscule"),
                                    ("Lower", "Minuscule")])
def test_same_function_in_both_languages(wl, en, fr):
    assert wl.call(en, "Élan vital") == wl.call(fr, "Élan vital")


def test_length_upper_lower(wl):
    assert wl.call("Length", "héllo") == 5
    assert wl.call("Taille", b"\x00\x01\x02") == 3
    assert wl.call("Length", 1234) == 4
    assert wl.call("Length", None) == 0
    assert wl.call("Upper", "éa") == "ÉA"
    assert wl.call("Minuscule", "ÉA") == "éa"


def test_left_right_middle(wl):
    assert wl.call("Gauche", "abc", 2) == "ab"
    assert wl.call("Left", "abc", 5) == "abc"
    assert wl.call("Left", "abc", 0) == ""
    assert wl.call("Droite", "abcdef", 2) == "ef"
    assert wl.call("Right", "abc", -1) == ""
    assert wl.call("Milieu", "abcdef", 2, 3) == "bcd"
    assert wl.call("Middle", "abcdef", 3) == "cdef"
    assert wl.call("Middle", "abc", 10) == ""


def test_position_is_one_based_and_zero_when_absent(wl):
    assert wl.call("Position", "hello world", "o") == 5
    assert wl.call("Position", "hello world", "o", 6) == 8
    assert wl.call("Position", "hello world", "z") == 0
    assert wl.call("Position", "hello", "") == 0
    assert wl.call("Position", "aaa", "aa", 2) == 2


def test_position_options(wl):
    ic, ww, fe = wl.const("IgnoreCase"), wl.const("MotComplet"), wl.const("FromEnd")
    assert wl.call("Position", "Hello", "HELLO", 1, ic) == 1
    assert wl.call("Position", "Hello", "HELLO") == 0
    assert wl.call("Position", "cat concat cat", "cat", 2, ww) == 12
    assert wl.call("Position", "a.b.c", ".", None, fe) == 4
    assert wl.call("Position", "a.b.c", ".", 3, fe) == 2
    assert wl.call("Position", "A-a", "A", None, fe + ic) == 3


def test_contains(wl):
    assert wl.call("Contains", "user@example.com", "@") is True
    assert wl.call("Contient", "abc", "B") is False
    assert wl.call("Contient", "abc", "B", wl.const("SansCasse")) is True


def test_replace(wl):
    assert wl.call("Replace", "a-b-c", "-", "+") == "a+b+c"
    assert wl.call("Remplace", "Aa", "a", "x", wl.const("IgnoreCase")) == "xx"
    assert wl.call("Replace", "cat concat", "cat", "dog", wl.const("WholeWord")) == "dog concat"
    assert wl.call("Replace", "abc", "", "x") == "abc"


def test_string_count(wl):
    assert wl.call("StringCount", "a,b,,c", ",") == 3
    assert wl.call("ChaîneOccurrence", "aaaa", "aa") == 2


def test_no_space(wl):
    assert wl.call("NoSpace", "  \tab c \r\n") == "ab c"
    assert wl.call("SansEspace", "  a  ", wl.const("sscDébut")) == "a  "
    assert wl.call("NoSpace", "  a  ", wl.const("sscEnd")) == "  a"
    assert wl.call("NoSpace", " a   b ", wl.const("sscExterior") + wl.const("sscInterior")) == "a b"
    assert wl.call("NoSpace", "xxaxx", wl.const("sscExterior"), "x") == "a"


def test_complete(wl):
    assert wl.call("Complete", "ab", 5) == "ab   "
    assert wl.call("Complète", "ab", 5, "0") == "ab000"
    assert wl.call("Complete", "abcdef", 3) == "abc"
    assert wl.call("Repeat", "ab", 3) == "ababab"
    assert wl.call("Répète", "ab", 0) == ""


def test_extract_string(wl):
    eot = wl.const("EOT")
    assert wl.call("ExtractString", "a\tb\tc", 2) == "b"
    assert wl.call("ExtraitChaîne", "x;y;z", 3, ";") == "z"
    assert wl.call("ExtractString", "x;y;z", 4, ";") == eot
    assert wl.call("ExtractString", "x;y;z", 1, ";", wl.const("FromEnd")) == "z"
    assert wl.call("ExtractString", "a,,b", 2, ",") == ""
    with pytest.raises(WLFatal) as e:
        wl.call("ExtractString", "a", 0)
    assert e.value.code == Err.ARGUMENT_TYPE


def test_string_build(wl):
    assert wl.call("StringBuild", "%1 sent to %2 (%1)", 3, "bob") == "3 sent to bob (3)"
    assert wl.call("ChaîneConstruit", "100%% of %1", "mail") == "100% of mail"
    assert wl.call("StringBuild", "no params") == "no params"
    with pytest.raises(WLFatal) as e:
        wl.call("StringBuild", "%2", "only one")
    assert e.value.code == Err.ARGUMENT_COUNT


def test_starts_ends_with(wl):
    assert wl.call("StringStartsWith", "Subject: x", "subject", wl.const("IgnoreCase")) is True
    assert wl.call("ChaîneCommencePar", "abc", "b") is False
    assert wl.call("StringEndsWith", "file.TXT", ".txt", wl.const("IgnoreCase")) is True
    assert wl.call("ChaîneFinitPar", "file.txt", ".csv") is False


def test_string_to_array_fills_the_given_array(wl):
    arr = WLArray(None, ["old"])
    assert wl.call("StringToArray", "a;b;c", arr, ";") is None
    assert arr.items == ["a", "b", "c"]
    assert wl.call("ChaîneVersTableau", "x\r\ny", arr) is None
    assert arr.items == ["x", "y"]
    numbers = WLArray(T_INT)
    wl.call("StringToArray", "1,2", numbers, ",")
    assert numbers.items == [1, 2]


def test_string_to_array_returns_a_new_array(wl):
    got = wl.call("StringToArray", "a,b", ",")
    assert isinstance(got, WLArray) and got.items == ["a", "b"]
    assert wl.call("StringToArray", "").items == []


def test_charact_and_asc(wl):
    assert wl.call("Charact", 65) == "A"
    assert wl.call("Caract", 233) == "é"
    assert wl.call("Asc", "é") == 233
    assert wl.call("Asc", "") == 0
    with pytest.raises(WLFatal):
        wl.call("Charact", -1)
