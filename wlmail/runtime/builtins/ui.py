"""WINDEV window functions and controls: what a console run can and cannot do.

A function that only shows a message (ToastDisplay) prints it. The others need a window
(a question to answer, a control to fill): each is declared so that `wlmail check`
recognises it, and calling it is a fatal error that names it, never "unknown function".
Controls are recognised by their conventional prefixes (EDT_Name, SAI_Name...).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...registry import Declarations
from ..context import Context
from ..errors import Err, WLFatal
from ..values import to_str

# What this module declares; wlmail.runtime.builtins.register adds it to a registry.
DECLARE = Declarations()


@DECLARE.function("ToastDisplay", "ToastAffiche")
def toast_display(rt: Context, message: Any, *options: Any) -> None:
    """Print the message to standard output (the duration, position and colours of the
    toast have no meaning in a console)."""
    rt.out(to_str(message))


# (English, French) spellings of the window functions scripts call.
WINDOW_FUNCTIONS: tuple[tuple[str, str], ...] = (
    ("Open", "Ouvre"),
    ("OpenChild", "OuvreFille"),
    ("OpenSister", "OuvreSoeur"),
    ("Close", "Ferme"),
    ("YesNo", "OuiNon"),
    ("OKCancel", "OKAnnuler"),
    ("Confirm", "Confirmer"),
    ("Dialog", "Dialogue"),
    ("Input", "Saisie"),
    ("EmailRunApp", "EmailLanceAppli"),
    ("HourGlass", "Sablier"),
    ("ProgressBar", "Jauge"),
    ("NextTitle", "TitreSuivant"),
    ("ReturnToCapture", "RepriseSaisie"),
    ("SetFocus", "DonneFocus"),
    ("ScreenToFile", "EcranVersFichier"),
    ("FileToScreen", "FichierVersEcran"),
    ("ExecuteProcess", "ExécuteTraitement"),
    ("ListAdd", "ListeAjoute"),
    ("ListDeleteAll", "ListeSupprimeTout"),
    ("TableAdd", "TableAjoute"),
    ("TableDeleteAll", "TableSupprimeTout"),
    ("TableDisplay", "TableAffiche"),
    ("fSelect", "fSélecteur"),
)


def unavailable_message(name: str) -> str:
    return f"{name} is not available outside a WINDEV window"


def _window_function(en: str) -> Callable[..., Any]:
    def impl(rt: Context, *args: Any) -> None:
        raise WLFatal(unavailable_message(en), Err.UI_UNAVAILABLE)

    impl.__name__ = en
    impl.__doc__ = "A WINDEV window function: not available outside a WINDEV window."
    return impl


for _en, _fr in WINDOW_FUNCTIONS:
    DECLARE.function(_en, _fr, ui=True)(_window_function(_en))

# Conventional prefixes of WINDEV control names, English and French naming charters
# (EDT_/SAI_ edit, STC_/LIB_ static, BTN_ button, LIST_/LISTE_ list box, TABLE_,
# CBOX_ check box, RADIO_/SEL_ radio, TAB_/ONG_ tab, WIN_/FEN_ window, LOOP_/ZR_ looper...).
UI_PREFIXES = (
    "edt_", "sai_", "stc_", "sta_", "lib_", "btn_", "list_", "liste_", "lsb_", "combo_",
    "cbo_", "table_", "cbox_", "chk_", "radio_", "sel_", "img_", "tab_", "ong_", "win_",
    "fen_", "wnd_", "loop_", "zr_", "page_", "progbar_", "jauge_", "tree_", "arbre_",
    "chart_", "graphe_", "slider_",
)
DECLARE.ui_prefix(*UI_PREFIXES)
