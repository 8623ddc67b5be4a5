from __future__ import annotations

import pytest

from jreject.notice.safety import safe_nonce, safe_url


@pytest.mark.parametrize(
    "url",
    [
        "/_jreject/close?next=%2F",
        "close",
        "../x",
        "?a=b",
        "#top",
        "https://a.example/",
        "HTTP://a/",
    ],
)
def test_relative_and_http_urls_pass_unchanged(url):
    assert safe_url(url, field="close_url") == url


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "relative or http"),
        ("jAvAsCrIpT:alert(1)", "relative or http"),
        ("data:text/html,x", "relative or http"),
        ("java\nscript:alert(1)", "control characters"),
        ("\x01javascript:alert(1)", "control characters"),
        ("/a b", "spaces"),
        ("/\\evil.example", "'\\\\'"),
        ("", "non-empty"),
    ],
)
def test_dangerous_urls_are_refused_naming_the_field(url, message):
    with pytest.raises(ValueError, match=rf"^continue_url must .*{message}"):
        safe_url(url, field="continue_url")


def test_nonce_allows_base64_and_base64url():
    assert safe_nonce("aB3+/=") == "aB3+/="
    assert safe_nonce("aB3-_") == "aB3-_"
    assert safe_nonce("") is None
    assert safe_nonce(None) is None


@pytest.mark.parametrize("nonce", ['a"b', "a b", "a>b", "a'b"])
def test_nonce_with_other_characters_is_refused(nonce):
    with pytest.raises(ValueError, match="nonce must be base64 characters"):
        safe_nonce(nonce)
