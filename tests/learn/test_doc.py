"""`wlmail doc NAME`: every kind of name, both languages, did-you-mean, the family list;
and the keyword meanings cover the grammar's terminals."""
from __future__ import annotations

import pytest

from wlmail import cli
from wlmail.help import KEYWORD_MEANINGS, keywords


def doc(capsys: pytest.CaptureFixture[str], *names: str) -> tuple[int, str, str]:
    status = cli.main(["doc", *names])
    got = capsys.readouterr()
    return status, got.out, got.err


def test_a_function(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "EmailStartSMTPSession")
    assert status == 0
    assert out.startswith("EmailStartSMTPSession (function)\n")
    assert "Also written: EmailOuvreSessionSMTP" in out
    assert "Syntax:\n  EmailStartSMTPSession(User [, Password], Server [, Port" in out
    assert "Parameters:" in out and "Result: boolean" in out
    # What wlmail does on failure (the registry's `fallible`) and the family's names.
    assert "ErrorOccurred is True" in out
    assert "Related (email):" in out and "EmailCloseSession" in out


def test_a_function_signature_from_its_parameters(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "Left")
    assert status == 0 and "Syntax:\n  Left(" in out and "Result: string" in out
    assert "Related (strings):" in out and "Right" in out


def test_a_type_lists_its_properties_and_methods(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "emailSMTPSession")
    assert status == 0 and out.startswith("emailSMTPSession (type)\n")
    assert "MyVar is emailSMTPSession" in out
    assert "Properties:" in out and "  ServerAddress / AdresseServeur (string" in out
    assert "Methods:" in out


def test_a_property_answers_with_the_types_that_have_it(
        capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "Password")
    assert status == 0 and out.startswith("Password (property)\n")
    assert "Also written: MotDePasse" in out
    assert "emailSMTPSession.Password / MotDePasse (string" in out
    assert "secret: masked in diagnostics" in out


def test_a_constant(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "emailOptionSecuredTLS")
    assert status == 0 and out.startswith("emailOptionSecuredTLS (constant)\n")
    assert "Value: `" in out


def test_a_french_spelling_names_its_english_twin(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "Taille")
    assert status == 0 and out.startswith("Length (function)\n")
    assert "Also written: Taille" in out


def test_case_and_accents_do_not_matter(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "EMAILOPTIONDEFAUT")
    assert status == 0 and out.startswith("emailOptionDefault (constant)\n")
    assert "Also written: emailOptionDéfaut" in out
    assert doc(capsys, "motdepasse")[1].startswith("Password (property)\n")


def test_a_keyword_in_either_language(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "tantque")
    assert status == 0 and out.startswith("TANTQUE (keyword WHILE; spellings: TANTQUE, WHILE)\n")
    assert "loop run while" in out
    status, out, _ = doc(capsys, "pour tout")
    assert status == 0 and "keyword FOR_EACH" in out


def test_a_near_miss_suggests_the_name_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = doc(capsys, "EmailStartSesion")
    assert (status, out) == (1, "")
    assert "EmailStartSesion: no function, type, property, constant or keyword" in err
    assert "Did you mean `EmailStartSession`?" in err


def test_a_catalogue_name_wlmail_does_not_provide(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = doc(capsys, "HPremier")
    assert status == 1 and 'HFirst is a WLanguage name of the family "HFSQL database"' in err


def test_the_family_list(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys)
    assert status == 0
    for family in ("arrays", "email", "files", "oauth", "strings"):
        assert f"\n{family} (" in out
    assert "EmailStartSession" in out and "Keywords:" in out


def test_every_grammar_keyword_has_a_meaning() -> None:
    assert set(keywords()) == set(KEYWORD_MEANINGS)


def test_a_method_names_its_type_and_function(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = doc(capsys, "closesession")
    assert status == 0 and out.startswith("CloseSession (method)\n")
    assert "MyVar being emailSMTPSession, is EmailCloseSession(MyVar, ...)" in out
    status, out, _ = doc(capsys, "ajoute")
    assert status == 0 and "Ajoute (array method)\n  MyArray.Ajoute(...) is ArrayAdd" in out
