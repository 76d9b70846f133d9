"""`wlmail repl` in French: `--lang fr`, a French locale, or `:lang fr` in the session."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from wlmail.repl import MESSAGES, locale_language


def repl(text: str, *options: str, env: dict[str, str] | None = None,
         cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-m", "wlmail", "repl", *options], input=text,
                          capture_output=True, text=True, timeout=60, cwd=cwd,
                          env={**base, **(env or {})})


def test_every_message_has_both_languages() -> None:
    for key, texts in MESSAGES.items():
        assert set(texts) == {"en", "fr"} and all(texts.values()), key
        assert texts["en"] != texts["fr"], key


def test_the_locale_chooses() -> None:
    assert locale_language({"LANG": "fr_FR.UTF-8"}) == "fr"
    assert locale_language({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}) == "en"
    assert locale_language({"LC_MESSAGES": "fr_CA", "LANG": "en_GB"}) == "fr"
    assert locale_language({}) == "en"


def test_lang_fr_speaks_french(tmp_path: Path) -> None:
    got = repl(":trace\n:inconnu\nSI Vrai ALORS\n", "--lang", "fr", cwd=tmp_path)
    assert got.returncode == 0
    assert ":trace on|off : affiche le dialogue SMTP" in got.stderr
    assert ":inconnu : commande inconnue" in got.stderr
    assert "(la saisie inachevée n'a pas été exécutée : son bloc n'a pas de FIN)" in got.stderr


def test_a_french_locale_speaks_french_and_lang_switches(tmp_path: Path) -> None:
    got = repl(":trace on\n:lang en\n:trace off\n:lang de\n", env={"LANG": "fr_FR.UTF-8"},
               cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[:3] == ["(trace SMTP on)", "(messages in English)",
                                           "(SMTP trace off)"]
    assert ":lang fr|en: the language of the session's messages" in got.stderr


def test_a_captured_message_is_shown_in_french(tmp_path: Path) -> None:
    got = repl('s est un emailSessionSMTP\ns.AdresseServeur = "smtp.exemple.fr"\n'
               'EmailOuvreSession(s)\nm est un Email\nm.Expéditeur = "ann@exemple.fr"\n'
               'm.Destinataire.Ajoute("bob@exemple.fr")\nm.Sujet = "Bonjour"\n'
               'm.Message = "Salut Bob"\nEmailEnvoieMessage(s, m)\n:reset\n:trace on\n',
               "--lang", "fr", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert "--- message capturé ---\nFrom: ann@exemple.fr\nTo: bob@exemple.fr\n" \
           "Subject: Bonjour\n\nSalut Bob\n" in got.stdout
    # :reset keeps the language.
    assert "(session remise à zéro)\n(trace SMTP on)\n" in got.stdout


def test_the_capture_summary_speaks_the_sessions_language(tmp_path: Path) -> None:
    # The closing lines are the email layer's (shared with `wlmail run`, which stays
    # English); the REPL's language reaches them, --lang, the locale and :lang alike.
    send = ('s est un emailSessionSMTP\ns.AdresseServeur = "smtp.exemple.fr"\n'
            'EmailOuvreSession(s)\nm est un Email\nm.Expéditeur = "ann@exemple.fr"\n'
            'm.Destinataire.Ajoute("bob@exemple.fr")\nm.Sujet = "Bonjour"\n'
            'm.Message = "Salut"\nEmailEnvoieMessage(s, m)\n')
    got = repl(send + ":reset\n", "--lang", "fr", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    lines = [line for line in got.stdout.splitlines() if line.startswith("captur")]
    assert len(lines) == 2 and "captured" not in got.stdout, got.stdout
    assert lines[0].startswith("capturé : ") and lines[0].endswith(
        '  de ann@exemple.fr  à bob@exemple.fr  sujet "Bonjour"'), lines[0]
    assert lines[1].startswith("capturé : aucun message dans ") and lines[1].endswith(
        " (le script n'a ouvert aucune session SMTP)"), lines[1]

    opened = 's est un emailSessionSMTP\ns.AdresseServeur = "smtp.exemple.fr"\nEmailOuvreSession(s)\n'
    got = repl(opened, env={"LANG": "fr_FR.UTF-8"}, cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[-1].endswith(" ; sessions : smtp.exemple.fr:25 plain"), got.stdout
    assert "capturé : aucun message dans " in got.stdout

    got = repl(opened + ":lang en\n", "--lang", "fr", cwd=tmp_path)
    assert got.returncode == 0, got.stderr
    assert got.stdout.splitlines()[-1].startswith("captured: no message in "), got.stdout
