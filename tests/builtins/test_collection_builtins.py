"""Stacks, queues and associative arrays (runtime/collections.py) through the built-ins."""
import pytest

from wlmail.runtime.collections import (
    CollectionType,
    Out,
    WLAssoc,
    WLQueue,
    WLStack,
    key_normaliser,
)
from wlmail.runtime.errors import Err, WLFatal
from wlmail.runtime.values import T_INT, T_STRING


@pytest.mark.parametrize(("push", "pop"), [("Push", "Pop"), ("Empile", "Dépile"),
                                           ("EMPILE", "depile")])
def test_stack_in_every_spelling(wl, push, pop):
    s = WLStack(T_INT)
    wl.call(push, s, 1)
    wl.call(push, s, "2")
    out = Out()
    assert wl.call(pop, s, out) is True and out.value == 2
    assert wl.call(pop, s, out) is True and out.value == 1
    empty = Out()
    assert wl.call(pop, s, empty) is False and not empty.written


@pytest.mark.parametrize(("put", "take"), [("Enqueue", "Dequeue"), ("Enfile", "Défile")])
def test_queue_is_first_in_first_out(wl, put, take):
    q = WLQueue(T_STRING)
    for v in ("a", "b", 3):
        wl.call(put, q, v)
    got = []
    out = Out()
    while wl.call(take, q, out):
        got.append(out.value)
    assert got == ["a", "b", "3"]


def test_push_refuses_what_is_not_a_stack(wl):
    with pytest.raises(WLFatal) as e:
        wl.call("Push", WLQueue(T_INT), 1)
    assert e.value.code == Err.ARGUMENT_TYPE
    assert "must be a stack, not a queue" in e.value.message


def test_element_type_is_enforced(wl):
    with pytest.raises(WLFatal) as e:
        wl.call("Enqueue", WLQueue(T_INT), "twelve")
    assert e.value.code == Err.CONVERSION


def test_array_functions_take_an_associative_array(wl):
    a = WLAssoc(T_INT)
    a.set("x", 1)
    a.set("y", "2")
    assert wl.call("ArrayCount", a) == 2
    wl.call("TableauSupprime", a, "x")
    assert a.keys() == ["y"]
    with pytest.raises(WLFatal) as e:
        wl.call("ArrayDelete", a, "x")
    assert e.value.code == Err.INDEX_OUT_OF_RANGE
    wl.call("ArrayDeleteAll", a)
    assert len(a) == 0


def test_missing_key_reads_the_default_and_adds_nothing():
    a = WLAssoc(T_STRING, default_value="?")
    assert a.get("nobody") == "?"
    assert len(a) == 0
    assert WLAssoc(T_INT).get("nobody") == 0


def test_options_compare_keys(wl):
    opts = wl.const("ccIgnoreCase") + wl.const("ccSansAccent") + wl.const("ccIgnoreSpace")
    a = WLAssoc(T_INT, options=opts)
    a.set(" Élan ", 1)
    assert a.exists("ELAN") and a.get("elan") == 1
    assert a.keys() == [" Élan "]          # the key as first written
    assert key_normaliser(wl.const("ccIgnorePunctuationAndSpace"))("a-b c.") == "abc"


def test_assignment_copies_and_keeps_options():
    t = CollectionType("assoc", T_INT, options=2)
    a = WLAssoc(T_INT, options=2)
    a.set("K", 1)
    b = t.convert(a)
    b.set("k", 5)
    assert a.get("k") == 1 and b.get("K") == 5
    with pytest.raises(WLFatal):
        t.convert(WLStack(T_INT))
