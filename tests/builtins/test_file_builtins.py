import codecs
import os

import pytest

from wlmail.runtime.errors import Err, WLFatal


def test_relative_paths_resolve_against_the_script_folder(wl, tmp_path, monkeypatch):
    monkeypatch.chdir("/")
    assert wl.call("fSaveText", "out.txt", "héllo") is True
    assert (tmp_path / "out.txt").read_bytes() == "héllo".encode()
    assert wl.call("fLoadText", "out.txt") == "héllo"
    assert wl.call("fFileExist", "out.txt") is True
    assert wl.call("fFichierExiste", "nope.txt") is False


def test_current_dir_and_separator(wl, tmp_path):
    assert wl.call("fCurrentDir") == str(tmp_path)
    assert wl.call("fRepEnCours") == str(tmp_path)
    assert wl.call("fSep") == os.sep


def test_missing_file_is_a_non_fatal_error(wl, tmp_path):
    assert wl.call("fLoadText", "missing.txt") == ""
    assert wl.call("ErrorOccurred") is True
    assert wl.call("ErrorInfo", wl.const("errCode")) == Err.FILE_NOT_FOUND
    message = wl.call("ErreurInfo")
    assert "missing.txt" in message and "file not found" in message
    assert str(tmp_path) in message
    # A fallible call that succeeds clears the error.
    assert wl.call("fSauveTexte", "ok.txt", "x") is True
    assert wl.call("ErreurDétectée") is False


def test_write_into_missing_folder_fails(wl):
    assert wl.call("fSaveText", "no/such/dir/a.txt", "x") is False
    assert wl.call("ErrorOccurred") is True
    assert "a.txt" in wl.call("ErrorInfo")


def test_reading_a_folder_fails_cleanly(wl, tmp_path):
    (tmp_path / "sub").mkdir()
    assert wl.call("fChargeTexte", "sub") == ""
    assert wl.call("ErrorInfo", wl.const("errCode")) == Err.FILE_ERROR


@pytest.mark.parametrize("raw, text", [
    (codecs.BOM_UTF8 + "é€".encode(), "é€"),
    ("é€".encode("utf-16"), "é€"),
    ("é€\r\n".encode("cp1252"), "é€\r\n"),
    (b"caf\xe9 \x81", "café \x81"),
    (b"plain ascii", "plain ascii"),
])
def test_load_text_detects_the_encoding(wl, tmp_path, raw, text):
    (tmp_path / "in.txt").write_bytes(raw)
    assert wl.call("fLoadText", "in.txt") == text


def test_format_constants(wl, tmp_path):
    assert wl.call("fSaveText", "u16.txt", "é", wl.const("foUnicode")) is True
    assert (tmp_path / "u16.txt").read_bytes() == codecs.BOM_UTF16_LE + "é".encode("utf-16-le")
    assert wl.call("fSaveText", "ansi.txt", "é", wl.const("foAnsi")) is True
    assert (tmp_path / "ansi.txt").read_bytes() == b"\xe9"
    assert wl.call("fLoadText", "ansi.txt", wl.const("foAnsi")) == "é"
    assert wl.call("fSaveText", "bom.txt", "é", wl.const("foUTF8")) is True
    assert (tmp_path / "bom.txt").read_bytes() == codecs.BOM_UTF8 + "é".encode()
    assert wl.call("fSaveText", "ansi2.txt", "€ ✓", wl.const("foAnsi")) is False
    assert "ansi2.txt" in wl.call("ErrorInfo")
    with pytest.raises(WLFatal) as e:
        wl.call("fSaveText", "x.txt", "x", 99)
    assert e.value.code == Err.BAD_OPTION


def test_save_a_buffer_writes_its_bytes(wl, tmp_path):
    assert wl.call("fSaveText", "raw.bin", b"\x00\xff") is True
    assert (tmp_path / "raw.bin").read_bytes() == b"\x00\xff"


def test_add_text_appends_and_creates(wl, tmp_path):
    assert wl.call("fAddText", "log.txt", "one\r\n") is True
    assert wl.call("fAjouteTexte", "log.txt", "two") is True
    assert (tmp_path / "log.txt").read_bytes() == b"one\r\ntwo"
    assert wl.call("fSaveText", "w.txt", "a", wl.const("foUnicode")) is True
    assert wl.call("fAddText", "w.txt", "é") is True
    assert wl.call("fLoadText", "w.txt") == "aé"


def test_delete_copy_rename_size_makedir(wl):
    wl.call("fSaveText", "a.txt", "12345")
    assert wl.call("fSize", "a.txt") == 5
    assert wl.call("fCopyFile", "a.txt", "b.txt") is True
    assert wl.call("fRenomme", "b.txt", "c.txt") is True
    assert wl.call("fFileExist", "b.txt") is False
    assert wl.call("fDelete", "c.txt") is True
    assert wl.call("fSupprime", "c.txt") is False
    assert wl.call("ErrorInfo", wl.const("errCode")) == Err.FILE_NOT_FOUND
    assert wl.call("fTaille", "c.txt") == -1
    assert wl.call("fMakeDir", "d1/d2") is True
    assert wl.call("fDirExist", "d1/d2") is True
    assert wl.call("fRépertoireExiste", "a.txt") is False


def test_extract_path(wl):
    fd, fr, ff, fe = (wl.const(n) for n in ("fDrive", "fRépertoire", "fFile", "fExtension"))
    path = "C:\\Temp\\Mail\\report.final.txt"
    assert wl.call("fExtractPath", path, fd) == "C:"
    assert wl.call("fExtractPath", path, fr) == "\\Temp\\Mail\\"
    assert wl.call("fExtraitChemin", path, ff + fe) == "report.final.txt"
    assert wl.call("fExtractPath", path, fe) == ".txt"
    assert wl.call("fExtractPath", "/home/ann/.profile", ff + fe) == ".profile"
    assert wl.call("fExtractPath", "/home/ann/notes", fd + fr) == "/home/ann/"
