import codecs

from wlmail.runtime.errors import Err

INI = ("; settings\r\n[SMTP]\r\nServer = smtp.example.com\r\nPort=587\r\nUser=\"ann\"\r\n\r\n"
       "[Other]\r\nPort=25\r\n")


def test_read_values_case_insensitively(wl, tmp_path):
    (tmp_path / "app.ini").write_bytes(INI.encode())
    assert wl.call("INIRead", "SMTP", "Server", "", "app.ini") == "smtp.example.com"
    assert wl.call("INILit", "smtp", "PORT", "", "app.ini") == "587"
    assert wl.call("INIRead", "SMTP", "User", "", "app.ini") == "ann"
    assert wl.call("INIRead", "Other", "Port", "", "app.ini") == "25"
    assert wl.call("INIRead", "SMTP", "Missing", "dflt", "app.ini") == "dflt"
    assert wl.call("INIRead", "Nope", "Port", "d", "app.ini") == "d"
    assert wl.call("INIRead", "SMTP", "Port", "d", "missing.ini") == "d"


def test_list_sections_and_keys(wl, tmp_path):
    (tmp_path / "app.ini").write_bytes(INI.encode())
    assert wl.call("INIRead", "", "", "", "app.ini") == "SMTP\r\nOther"
    assert wl.call("INIRead", "SMTP", "", "", "app.ini") == "Server\r\nPort\r\nUser"


def test_write_keeps_the_rest_of_the_file(wl, tmp_path):
    path = tmp_path / "app.ini"
    path.write_bytes(INI.encode())
    assert wl.call("INIWrite", "SMTP", "port", "465", "app.ini") is True
    assert wl.call("INIEcrit", "SMTP", "Option", "ssl", "app.ini") is True
    assert wl.call("INIWrite", "New", "Key", "v", "app.ini") is True
    text = path.read_bytes().decode()
    assert text == ("; settings\r\n[SMTP]\r\nServer = smtp.example.com\r\nPort=465\r\n"
                    "User=\"ann\"\r\nOption=ssl\r\n\r\n[Other]\r\nPort=25\r\n\r\n[New]\r\nKey=v\r\n")
    assert wl.call("INIRead", "smtp", "option", "", "app.ini") == "ssl"


def test_write_creates_the_file_and_keeps_cp1252(wl, tmp_path):
    assert wl.call("INIWrite", "S", "K", "é", "new.ini") is True
    assert wl.call("INIRead", "S", "K", "", "new.ini") == "é"
    legacy = tmp_path / "legacy.ini"
    legacy.write_bytes("[S]\r\nName=Andr\xe9\r\n".encode("latin-1"))
    assert wl.call("INIRead", "S", "Name", "", "legacy.ini") == "André"
    assert wl.call("INIWrite", "S", "City", "Orléans", "legacy.ini") is True
    assert legacy.read_bytes() == "[S]\r\nName=Andr\xe9\r\nCity=Orl\xe9ans\r\n".encode("latin-1")
    u16 = tmp_path / "u16.ini"
    u16.write_bytes("[S]\nA=1\n".encode("utf-16"))
    assert wl.call("INIWrite", "S", "B", "2", "u16.ini") is True
    assert u16.read_bytes().startswith(codecs.BOM_UTF16_LE)
    assert wl.call("INIRead", "S", "B", "", "u16.ini") == "2"


def test_write_failures_are_non_fatal(wl):
    assert wl.call("INIWrite", "S", "K", "v", "no/dir/x.ini") is False
    assert wl.call("ErrorOccurred") is True
    assert wl.call("ErrorInfo", wl.const("errCode")) == Err.FILE_NOT_FOUND
    assert wl.call("INIWrite", "S", "K", "two\r\nlines", "x.ini") is False
    assert "line break" in wl.call("ErrorInfo")
