from __future__ import annotations

import pytest

from jreject.settings import Settings


def test_defaults_are_the_documented_ones():
    settings = Settings.from_options()
    assert settings.prefix == "/_jreject"
    assert settings.explain is False
    assert settings.cookie_name == "jreject_closed"
    assert settings.cookie_max_age is None
    assert settings.cookie_secure == "auto"
    assert settings.cookie_samesite == "Lax"
    assert settings.continue_anyway is False
    assert settings.include == settings.exclude == settings.accept_ch == ()
    assert settings.act_on == "navigations"


def test_keyword_options_win_over_the_table():
    settings = Settings.from_options({"explain": False, "prefix": "/x"}, explain=True)
    assert settings.explain is True
    assert settings.prefix == "/x"


def test_keyword_options_are_validated_over_typed_settings():
    # What a middleware does with its keyword options over its config's settings.
    base = Settings.from_options({"prefix": "/x", "exclude": ["/api/"]})
    settings = base.with_options({"explain": True})
    assert (settings.prefix, settings.exclude, settings.explain) == ("/x", ("/api/",), True)
    assert base.with_options({}) is base
    with pytest.raises(ValueError, match="must differ from 'cookie_name'"):
        base.with_options({"continue_cookie_name": "jreject_closed"})
    with pytest.raises(ValueError, match="'prefixx' is unknown"):
        base.with_options({"prefixx": "/y"})


def test_lists_become_tuples_and_hints_are_normalised():
    settings = Settings.from_options(
        include=["/shop"], accept_ch=["Sec-CH-UA-Full-Version-List", "sec-ch-ua-full-version-list"]
    )
    assert settings.include == ("/shop",)
    assert settings.accept_ch == ("sec-ch-ua-full-version-list",)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"explian": True}, "middleware option 'explian' is unknown; expected one of"),
        ({"explain": "yes"}, "'explain' must be true or false, not 'yes'"),
        ({"prefix": "_jreject"}, "'prefix' must be a URL path starting with one '/'"),
        ({"prefix": "/_jreject/"}, "'prefix' must be a path such as '/_jreject'"),
        ({"prefix": "//evil"}, "'prefix' must be a URL path"),
        ({"cookie_name": "bad name"}, "'cookie_name' must be a cookie name"),
        ({"cookie_max_age": -1}, "'cookie_max_age' must be a number of seconds ≥ 0"),
        ({"cookie_max_age": True}, "'cookie_max_age' must be a number of seconds"),
        ({"cookie_secure": "yes"}, "'cookie_secure' must be true, false or 'auto'"),
        ({"cookie_samesite": "lax"}, "'cookie_samesite' must be one of 'Lax', 'Strict', 'None'"),
        ({"include": "/shop"}, "'include' must be a list of URL path prefixes"),
        ({"exclude": ["api"]}, "'exclude[0]' must be a URL path"),
        ({"accept_ch": ["sec-ch-ua-arch"]}, "'accept_ch[0]' must be one of sec-ch-ua,"),
        ({"nonce": 3}, "'nonce' must be an environ/scope-state key"),
        (
            {"act_on": "documents"},
            "'act_on' must be one of 'navigations', 'frames', 'html', not 'documents'",
        ),
        ({"act_on": True}, "'act_on' must be one of 'navigations', 'frames', 'html', not True"),
        ({"log_interval": "1m"}, "'log_interval' must be a number of seconds ≥ 0, not '1m'"),
        ({"origin": "shop.example"}, "'origin' must be an origin such as 'https://shop.example'"),
        ({"origin": "https://shop.example/shop"}, "'origin' must be an origin such as"),
        ({"origin": "https://user@shop.example"}, "'origin' must be an origin such as"),
        ({"origin": "javascript://x"}, "'origin' must be an origin such as"),
        ({"origin": "https://shop.example\n"}, "'origin' must be an origin such as"),
        ({"origin": "request"}, "'origin' must be an origin such as"),
        (
            {"continue_cookie_name": "jreject_closed"},
            "'continue_cookie_name' must differ from 'cookie_name'",
        ),
    ],
)
def test_bad_options_name_the_key_what_was_expected_and_what_was_given(options, message):
    with pytest.raises(ValueError, match=r"^middleware option ") as error:
        Settings.from_options(options)
    assert message in str(error.value)


@pytest.mark.parametrize(
    ("value", "origin"),
    [
        (None, None),
        ("host", "host"),
        ("https://Shop.Example/", "https://shop.example"),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
        ("https://[::1]:8443", "https://[::1]:8443"),
    ],
)
def test_origin_is_read_as_scheme_host_and_port(value, origin):
    assert Settings.from_options(origin=value).origin == origin
