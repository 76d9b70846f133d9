"""`wlmail check` warns about OAuth2Parameters that AuthIdentify would refuse."""
from __future__ import annotations

from wlmail.cli import main

SCRIPT = """\
P is OAuth2Parameters
P.ClientID = "x"
P.AuthURL = "http://accounts.example.com/auth"
P.TokenURL = "https://accounts.example.com/token"
P.RedirectionURL = "http://example.com:9000"
P.ResponseType = oauth2ResponseTypeToken
P.AdditionalParameters = "state=1"
P.ClientSecret = "do-not-show-this-secret"
P.RedirectionURL = ""
P.RedirectionURL = SysEnvironment("REDIRECT")
T is AuthToken = AuthIdentify(P)
"""

GOOD = """\
OAuth2Paramètres_ok est un OAuth2Paramètres
OAuth2Paramètres_ok.URLAuth = "https://accounts.google.com/o/oauth2/v2/auth"
OAuth2Paramètres_ok.URLToken = "http://127.0.0.1:8080/token"
OAuth2Paramètres_ok.URLRedirection = "http://[::1]:9000/cb"
OAuth2Paramètres_ok.TypeRéponse = oauth2TypeRéponseCode
OAuth2Paramètres_ok.ParamètresSupplémentaires = "login_hint=ann@example.test"
"""


def test_check_warns_with_the_runtime_words(tmp_path, capsys):
    script = tmp_path / "p.wl"
    script.write_text(SCRIPT, encoding="utf-8")
    assert main(["check", str(script)]) == 0
    out = capsys.readouterr()
    text = out.out + out.err
    warned = sorted(int(line.split(":")[1]) for line in text.splitlines()
                    if line.startswith(str(script)) and ": warning: " in line)
    assert warned == [3, 5, 6, 7]
    assert "must use https" in text and "not on this computer" in text
    assert "oauth2ResponseTypeCode" in text and 'may not set "state"' in text
    assert "do-not-show-this-secret" not in text


def test_good_parameters_give_no_warning(tmp_path, capsys):
    script = tmp_path / "ok.wl"
    script.write_text(GOOD, encoding="utf-8")
    assert main(["check", str(script)]) == 0
    out = capsys.readouterr()
    assert "warning" not in out.out + out.err
