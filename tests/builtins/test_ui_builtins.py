import pytest

from wlmail.domains import load_all
from wlmail.runtime.builtins.ui import WINDOW_FUNCTIONS
from wlmail.runtime.errors import Err, WLFatal


def test_toast_prints_its_message(wl):
    wl.call("ToastDisplay", "Mail sent", 3, 2)
    wl.call("ToastAffiche", "Envoyé")
    assert wl.stdout.getvalue() == "Mail sent\nEnvoyé\n"


@pytest.mark.parametrize("en, fr", WINDOW_FUNCTIONS)
def test_window_functions_are_clear_errors(wl, en, fr):
    for name in (en, fr):
        entry = load_all().function(name)
        assert entry.ui is True and entry.name == en
        with pytest.raises(WLFatal) as e:
            wl.call(name, "WIN_Main")
        assert e.value.code == Err.UI_UNAVAILABLE
        assert e.value.message == f"{en} is not available outside a WINDEV window"


@pytest.mark.parametrize("name", ["EDT_Text", "SAI_Nom", "btn_ok", "LIB_Titre", "COMBO_x",
                                  "TABLE_Clients", "WIN_Main", "FEN_Principale", "ZR_1"])
def test_control_names_are_recognised(name):
    assert load_all().is_ui_name(name)


@pytest.mark.parametrize("name", ["MySession", "EmailSend", "Table", "edt", "tab"])
def test_ordinary_names_are_not_controls(name):
    assert not load_all().is_ui_name(name)
