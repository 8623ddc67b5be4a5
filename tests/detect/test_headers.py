from __future__ import annotations

import pytest

from jreject.detect.headers import (
    DETECTION_HEADERS,
    Headers,
    detection_key,
    detection_key_from_environ,
    detection_key_from_scope,
)

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def test_lookup_is_case_insensitive():
    headers = Headers({"User-Agent": UA})
    assert headers["user-agent"] == headers["USER-AGENT"] == UA
    assert "uSeR-aGeNt" in headers
    assert 42 not in headers


def test_repeated_headers_are_joined_with_a_comma():
    headers = Headers([(b"sec-ch-ua", b'"A";v="1"'), (b"Sec-CH-UA", b'"B";v="2"')])
    assert headers["sec-ch-ua"] == '"A";v="1", "B";v="2"'


def test_bytes_are_decoded_as_latin_1_and_never_fail():
    headers = Headers({b"user-agent": b"caf\xe9 \xff"})
    assert headers["user-agent"] == "café ÿ"


def test_values_that_are_not_text_are_dropped():
    headers = Headers({"user-agent": 42, None: "x", "accept": ["a"]})
    assert len(headers) == 0


def test_malformed_pairs_are_skipped():
    headers = Headers([(b"user-agent", b"x"), (b"lonely",), b"junk", 7])  # type: ignore[list-item]
    assert dict(headers) == {"user-agent": "x"}


def test_wsgi_environ_reads_only_http_keys():
    environ = {
        "REQUEST_METHOD": "GET",
        "HTTP_USER_AGENT": UA,
        "HTTP_SEC_CH_UA_MOBILE": "?0",
        "PATH_INFO": "/",
    }
    assert dict(Headers(environ)) == {"user-agent": UA, "sec-ch-ua-mobile": "?0"}


def test_asgi_scope_reads_the_header_list():
    scope = {"type": "http", "headers": [(b"user-agent", UA.encode()), (b"accept", b"*/*")]}
    assert Headers(scope)["user-agent"] == UA


def test_none_is_an_empty_view():
    assert len(Headers(None)) == 0
    assert repr(Headers({"a": "b"})) == "Headers({'a': 'b'})"


@pytest.mark.parametrize(
    "source",
    [
        {"user-agent": UA, "sec-ch-ua-mobile": "?1"},
        {"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": UA, "HTTP_SEC_CH_UA_MOBILE": "?1"},
        {"type": "http", "headers": [(b"User-Agent", UA.encode()), (b"sec-ch-ua-mobile", b"?1")]},
    ],
    ids=["mapping", "environ", "scope"],
)
def test_detection_key_is_the_same_from_every_source(source):
    key = detection_key(Headers(source))
    assert key[0] == UA
    assert key[DETECTION_HEADERS.index("sec-ch-ua-mobile")] == "?1"
    assert key.count(None) == len(DETECTION_HEADERS) - 2


def test_fast_keys_match_the_view():
    environ = {"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": UA, "HTTP_SEC_CH_UA": '"A";v="1"'}
    scope = {
        "type": "http",
        "headers": [(b"user-agent", UA.encode()), (b"sec-ch-ua", b'"A";v="1"')],
    }
    assert detection_key_from_environ(environ) == detection_key(Headers(environ))
    assert detection_key_from_scope(scope) == detection_key(Headers(scope))


def test_scope_key_joins_repeated_headers():
    scope = {"type": "http", "headers": [(b"sec-ch-ua", b"a"), (b"sec-ch-ua", b"b")]}
    assert detection_key_from_scope(scope)[1] == "a, b"


def test_scope_key_trusts_asgi_servers_to_lowercase_names():
    # ASGI servers send lowercase names; the fast reader relies on it, the view does not.
    scope = {"type": "http", "headers": [(b"User-Agent", b"x")]}
    assert detection_key_from_scope(scope)[0] is None
    assert detection_key(Headers(scope))[0] == "x"


def test_scope_key_ignores_values_that_are_not_bytes():
    scope = {"type": "http", "headers": [(b"user-agent", 42), (b"sec-ch-ua", b"a")]}
    assert detection_key_from_scope(scope)[:2] == (None, "a")


def test_scope_key_reads_list_pairs_as_servers_may_send_them():
    scope = {"type": "http", "headers": [[b"user-agent", b"x"], [b"host", b"h"]]}
    assert detection_key_from_scope(scope)[0] == "x"


def test_only_headers_detection_uses_are_read_so_vary_stays_exact():
    # Sec-CH-UA-Model names a device, which no decision uses: reading it would split
    # the verdict cache and widen Vary for nothing.
    assert "sec-ch-ua-model" not in DETECTION_HEADERS
    assert DETECTION_HEADERS[0] == "user-agent"
    assert all(name.startswith("sec-ch-ua") for name in DETECTION_HEADERS[1:-1])
    # An Android WebView's app package, kept in the key only when it is one.
    assert DETECTION_HEADERS[-1] == "x-requested-with"


def test_the_key_keeps_x_requested_with_only_when_it_is_an_app_package():
    from jreject.detect.headers import (
        detection_key,
        detection_key_from_environ,
        detection_key_from_scope,
    )

    for value, kept in (("com.example.shop", "com.example.shop"), ("XMLHttpRequest", None)):
        environ = {"HTTP_USER_AGENT": "UA", "HTTP_X_REQUESTED_WITH": value}
        scope = {
            "type": "http",
            "headers": [(b"user-agent", b"UA"), (b"x-requested-with", value.encode())],
        }
        headers = Headers({"User-Agent": "UA", "X-Requested-With": value})
        for key in (
            detection_key(headers),
            detection_key_from_environ(environ),
            detection_key_from_scope(scope),
        ):
            assert key[-1] == kept
            assert len(key) == len(DETECTION_HEADERS)
