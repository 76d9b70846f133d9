"""Folder names on the wire (IMAP's modified UTF-7) and the UID sets of a FETCH."""
from __future__ import annotations

import pytest

from wlmail.reading.commands import _uid_sets
from wlmail.reading.foldernames import sort_folders, utf7_decode, utf7_encode


@pytest.mark.parametrize("name,wire", [
    ("INBOX", "INBOX"),
    ("Reçus", "Re&AOc-us"),
    ("a&b", "a&-b"),
    ("日本語", "&ZeVnLIqe-"),
    ("Élément/Été 2026", "&AMk-l&AOk-ment/&AMk-t&AOk- 2026"),
])
def test_modified_utf7_both_ways(name, wire):
    assert utf7_encode(name) == wire
    assert utf7_decode(wire) == name


def test_a_name_that_is_not_modified_utf7_is_shown_as_written():
    assert utf7_decode("odd &*- name") == "odd &*- name"


def test_inbox_first_then_alphabetical():
    assert sort_folders(["zeta", "Archives", "INBOX", "été"]) == \
        ["INBOX", "Archives", "zeta", "été"]


def test_uid_sets_are_ranges_in_batches():
    assert _uid_sets(["1", "2", "3", "5", "7", "8"]) == ["1:3,5,7:8"]
    sets = _uid_sets([str(i) for i in range(1, 1202)])
    assert sets == ["1:500", "501:1000", "1001:1201"]
