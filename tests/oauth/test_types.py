"""The OAuth names in the registry and the AuthToken object's behaviour."""
from __future__ import annotations

import time

import pytest

from wlmail.names import fold
from wlmail.oauth.types import AuthToken, OAuth2Parameters, format_datetime, parse_datetime
from wlmail.registry import REGISTRY
from wlmail.runtime.errors import WLFatal
from wlmail.runtime.values import to_bool, to_str


@pytest.mark.parametrize("en,fr", [("AuthIdentify", "AuthIdentifie"),
                                   ("AuthRefreshToken", "AuthRenouvelleToken")])
def test_functions_in_both_languages(en, fr):
    a, b = REGISTRY.function(en), REGISTRY.function(fr)
    assert a is b and a.fallible and a.domain == "auth"


def test_types_properties_and_constants():
    t = REGISTRY.type("OAuth2Paramètres")
    assert t is REGISTRY.type("oauth2parameters") and t.cls is OAuth2Parameters
    for spelling in ("URLAuth", "urltoken", "URLRedirection", "TypeRéponse",
                     "ParamètresSupplémentaires", "ClientID", "ClientSecret", "Scope"):
        assert fold(spelling) in t.properties, spelling
    assert t.properties["clientsecret"].secret
    tok = REGISTRY.type("AuthToken")
    assert {p.name for p in tok.cls.PROPERTIES} == {
        "Value", "RefreshToken", "ExpirationDate", "Valid", "TokenType", "ServerResponse"}
    assert tok.properties["value"].secret and tok.properties["refreshtoken"].secret
    assert REGISTRY.constant("oauth2ResponseTypeCode").value == "code"
    assert REGISTRY.constant("oauth2TypeRéponseToken").value == "token"
    assert OAuth2Parameters().response_type == "code"


def test_empty_token_equals_null():
    t = AuthToken()
    assert t.is_null() and not to_bool(t) and t.valid is False
    t.value = "abc"
    assert not t.is_null() and t.valid is True and to_str(t) == "abc"


def test_valid_is_computed_on_read(oauth_clock):
    t = AuthToken()
    t.value = "x"
    t.expiration_date = format_datetime(oauth_clock.now() + 0.3)
    assert t.valid
    oauth_clock.advance(0.4)
    assert not t.valid
    t.expiration_date = "20991231235959"
    assert t.valid
    t.expiration_date = "not a date"
    assert not t.valid


def test_valid_is_read_only():
    prop = REGISTRY.type("AuthToken").properties["valid"]
    with pytest.raises(WLFatal):
        AuthToken().wl_set(prop, True)


def test_datetime_round_trip():
    now = time.time()
    text = format_datetime(now)
    assert len(text) == 16
    assert abs(parse_datetime(text) - now) < 0.011
    assert parse_datetime("20260102") == parse_datetime("2026010200000000")


def test_string_assigned_to_a_token_sets_its_value():
    t = REGISTRY.type("AuthToken").wl_type.convert("abc")
    assert isinstance(t, AuthToken) and t.value == "abc"


def test_copy_keeps_the_origin_and_repr_hides_secrets():
    t = AuthToken()
    t.value = "secret-access-token-value"
    t.refresh_token = "secret-refresh-token-value"
    t.server_response = b'{"access_token": "secret-access-token-value"}'
    c = t.copy()
    assert c.value == t.value and c.origin is t.origin and c is not t
    assert "secret" not in repr(t)
