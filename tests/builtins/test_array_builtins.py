import pytest

from wlmail.domains import load_all
from wlmail.names import fold
from wlmail.runtime.errors import Err, WLFatal
from wlmail.runtime.values import T_INT, T_STRING, WLArray, array_of


@pytest.mark.parametrize("name", ["ArrayAdd", "Add", "TableauAjoute", "Ajoute", "AJOUTE"])
def test_add_in_every_spelling(wl, name):
    arr = WLArray(T_STRING)
    assert wl.call(name, arr, "a@example.com") == 1
    assert wl.call(name, arr, 5) == 2
    assert arr.items == ["a@example.com", "5"]


def test_add_converts_to_the_element_type_and_defaults(wl):
    arr = WLArray(T_INT)
    wl.call("Add", arr, "12")
    wl.call("Add", arr)
    assert arr.items == [12, 0]
    with pytest.raises(WLFatal) as e:
        wl.call("Add", arr, "twelve")
    assert e.value.code == Err.CONVERSION


def test_count_delete_insert(wl):
    arr = WLArray(T_STRING, ["a", "b", "c"])
    assert wl.call("ArrayCount", arr) == 3
    assert wl.call("TableauOccurrence", arr) == 3
    wl.call("ArrayDelete", arr, 2)
    assert arr.items == ["a", "c"]
    assert wl.call("TableauInsère", arr, 1, "z") == 1
    assert wl.call("ArrayInsert", arr, 4, "end") == 4
    assert arr.items == ["z", "a", "c", "end"]
    wl.call("TableauSupprimeTout", arr)
    assert wl.call("ArrayCount", arr) == 0
    with pytest.raises(WLFatal) as e:
        wl.call("ArrayDelete", arr, 1)
    assert e.value.code == Err.INDEX_OUT_OF_RANGE
    with pytest.raises(WLFatal):
        wl.call("ArrayInsert", arr, 3, "x")


def test_fixed_arrays(wl):
    arr = array_of(T_INT, 3).default()
    with pytest.raises(WLFatal):
        wl.call("Add", arr, 1)
    with pytest.raises(WLFatal):
        wl.call("ArrayDelete", arr, 1)
    arr.items = [1, 2, 3]
    wl.call("ArrayDeleteAll", arr)
    assert arr.items == [0, 0, 0]


def test_not_an_array_is_a_fatal_error(wl):
    with pytest.raises(WLFatal) as e:
        wl.call("ArrayCount", "text")
    assert e.value.code == Err.ARGUMENT_TYPE
    assert "ArrayCount" in e.value.message and "a string" in e.value.message


def test_changes_reach_the_on_grow_hook(wl):
    counts = []
    arr = WLArray(T_STRING)
    arr.on_grow = counts.append
    wl.call("Add", arr, "a")
    wl.call("Add", arr, "b")
    wl.call("ArrayDelete", arr, 1)
    wl.call("ArrayInsert", arr, 1, "c")
    wl.call("ArrayDeleteAll", arr)
    assert counts == [1, 2, 1, 2, 0]


def test_seek(wl):
    arr = WLArray(T_STRING, ["a", "b", "a", "c"])
    assert wl.call("ArraySeek", arr, wl.const("asLinear"), "a") == 1
    assert wl.call("TableauCherche", arr, wl.const("tcLinéaireDernier"), "a") == 3
    assert wl.call("ArraySeek", arr, wl.const("asLinearNext"), "a", 1) == 3
    assert wl.call("ArraySeek", arr, wl.const("asLinearPrevious"), "a", 3) == 1
    assert wl.call("ArraySeek", arr, wl.const("asLinearFirst"), "z") == -1
    sorted_arr = WLArray(T_INT, [1, 3, 5, 7, 9, 11])
    for i, v in enumerate(sorted_arr.items, 1):
        assert wl.call("ArraySeek", sorted_arr, wl.const("asBinary"), v) == i
    assert wl.call("ArraySeek", sorted_arr, wl.const("asBinary"), 4) == -1
    with pytest.raises(WLFatal):
        wl.call("ArraySeek", arr, 99, "a")


def test_array_to_string(wl):
    arr = WLArray(T_INT, [1, 2])
    assert wl.call("ArrayToString", arr) == "1\r\n2"
    assert wl.call("TableauVersChaîne", arr, ";") == "1;2"


def test_array_methods_map_to_functions():
    REGISTRY = load_all()
    expected = {"add": "ArrayAdd", "ajoute": "ArrayAdd", "count": "ArrayCount",
                "occurrence": "ArrayCount", "deleteall": "ArrayDeleteAll",
                "supprimetout": "ArrayDeleteAll", "delete": "ArrayDelete",
                "supprime": "ArrayDelete", "insert": "ArrayInsert", "insere": "ArrayInsert"}
    for method, target in expected.items():
        assert REGISTRY.array_methods[fold(method)] == target
    for target in REGISTRY.array_methods.values():
        assert REGISTRY.function(target) is not None
