"""The HTTP rules in jreject.middleware.http, each with the RFC or browser fact behind it."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jreject.middleware.http import (
    Request,
    accepts_html,
    cookie_names,
    csp_blocks_inline,
    drop_conditionals,
    has_cookie,
    is_navigation,
    make_private,
    merge_vary,
    private_cache_control,
    quote_all,
    request_host,
    without_conditionals,
)

# Real Accept headers, as browsers send them.
CHROME_PAGE = (
    "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
    "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"
)
IE6_PAGE = (
    "image/gif, image/x-xbitmap, image/jpeg, image/pjpeg, application/x-shockwave-flash, "
    "application/vnd.ms-excel, application/vnd.ms-powerpoint, application/msword, */*"
)
IE8_PAGE = (
    "image/jpeg, application/x-ms-application, image/gif, application/xaml+xml, "
    "image/pjpeg, application/x-ms-xbap, */*"
)
SAFARI_IMAGE = "image/webp,image/avif,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"


def request(accept="", dest="", requested_with="", hx=""):
    return Request(
        "GET", "", "/", "", False, "", accept, {}, {},
        fetch_dest=dest, requested_with=requested_with, hx_request=hx,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("req", "navigation"),
    [
        pytest.param(request(CHROME_PAGE, dest="document"), True, id="chrome-page"),
        pytest.param(request("*/*", dest="empty"), False, id="fetch"),
        pytest.param(request(CHROME_PAGE, dest="iframe"), False, id="iframe"),
        pytest.param(request("image/*", dest="image"), False, id="image"),
        pytest.param(request("*/*", dest="empty", hx="true"), False, id="htmx"),
        pytest.param(request("text/html", hx="true"), False, id="htmx-old-browser"),
        pytest.param(request("*/*", requested_with="XMLHttpRequest"), False, id="jquery"),
        pytest.param(request("text/html,application/xhtml+xml,*/*;q=0.8"), True, id="old-safari"),
        pytest.param(request(IE6_PAGE), True, id="ie6"),
        pytest.param(request(IE8_PAGE), True, id="ie8"),
        pytest.param(request("*/*"), True, id="ie-refresh-or-curl"),
        pytest.param(request(""), True, id="no-accept"),
        pytest.param(request("application/json, text/plain, */*"), False, id="axios"),
        pytest.param(request("text/css,*/*;q=0.1"), False, id="old-css"),
        pytest.param(request(SAFARI_IMAGE), False, id="old-safari-image"),
        pytest.param(request("application/json"), False, id="api"),
    ],
)
def test_is_navigation(req, navigation):
    assert is_navigation(req) is navigation


def test_frames_are_navigations_when_asked():
    assert is_navigation(request(CHROME_PAGE, dest="iframe"), "frames")
    assert is_navigation(request(CHROME_PAGE, dest="frame"), "frames")
    assert not is_navigation(request("*/*", dest="empty"), "frames")


def test_act_on_html_reads_only_accept():
    assert is_navigation(request("*/*", dest="empty", hx="true"), "html")
    assert not is_navigation(request("application/json", dest="document"), "html")


@pytest.mark.parametrize(
    ("accept", "html"),
    [("", True), ("text/html", True), ("*/*", True), ("text/*", True), ("application/json", False)],
)
def test_accepts_html(accept, html):
    assert accepts_html(accept) is html


@pytest.mark.parametrize(
    ("values", "result"),
    [
        ([], "private"),
        (["public, max-age=600"], "private, max-age=600"),
        (["public", "s-maxage=60, max-age=5"], "private, max-age=5"),
        (["no-store"], "private, no-store"),
        (['private="Set-Cookie, X-A", no-cache'], "private, no-cache"),
        (['no-cache="Set-Cookie, X-A", proxy-revalidate'], 'private, no-cache="Set-Cookie, X-A"'),
        (["Public, MAX-AGE=1"], "private, MAX-AGE=1"),
    ],
)
def test_private_cache_control(values, result):
    assert private_cache_control(values) == result


def test_make_private_drops_the_apps_validators_and_cdn_rules():
    headers = [
        ("Content-Type", "text/html"),
        ("ETag", '"1"'),
        ("Cache-Control", "public"),
        ("Last-Modified", "Wed, 01 Jan 2025 00:00:00 GMT"),
        ("Content-Length", "10"),
        ("cache-control", "max-age=60"),
        ("CDN-Cache-Control", "max-age=600"),
        ("Cloudflare-CDN-Cache-Control", "max-age=600"),
        ("Surrogate-Control", "max-age=600"),
        ("Vary", "Cookie"),
    ]
    make_private(headers)
    assert headers == [
        ("Content-Type", "text/html"),
        ("Cache-Control", "private, max-age=60"),
        ("Vary", "Cookie"),
    ]


def test_conditional_headers_are_dropped_from_environ_and_scope():
    environ = {"HTTP_IF_NONE_MATCH": '"1"', "HTTP_IF_MODIFIED_SINCE": "x", "HTTP_RANGE": "b=0-1"}
    environ |= {"HTTP_IF_RANGE": '"1"', "HTTP_IF_MATCH": '"1"', "HTTP_ACCEPT": "*/*"}
    drop_conditionals(environ)
    assert environ == {"HTTP_IF_MATCH": '"1"', "HTTP_ACCEPT": "*/*"}
    pairs = [(b"if-none-match", b'"1"'), (b"accept", b"*/*"), (b"range", b"bytes=0-1")]
    assert without_conditionals(pairs) == [(b"accept", b"*/*")]


@given(st.text())
def test_quote_all_is_urllib_quote_with_nothing_safe(text):
    assert quote_all(text) == quote(text, safe="")


def test_quote_all_encodes_a_path_and_query_as_a_next_value():
    assert quote_all("/shop/item?id=42&q=a b~") == "%2Fshop%2Fitem%3Fid%3D42%26q%3Da%20b~"
    assert quote_all("/caf\xe9") == "%2Fcaf%C3%A9"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ([("Content-Type", "text/html")], [("Content-Type", "text/html"), ("Vary", "A, B")]),
        (
            [("vary", "b, Accept-Encoding"), ("X", "1"), ("Vary", "C")],
            [("Vary", "b, Accept-Encoding, C, A"), ("X", "1")],
        ),
        ([("Vary", "*"), ("Vary", "A")], [("Vary", "*, A")]),
        ([("Vary", " , ")], [("Vary", "A, B")]),
    ],
)
def test_merge_vary_keeps_one_header_in_the_first_place_without_duplicates(headers, expected):
    # Twice: the second answer comes from the remembered merge, and must be the same.
    for _ in range(2):
        out = list(headers)
        merge_vary(out, ("A", "B"))
        assert out == expected


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("shop.example", "shop.example"),
        ("Shop.Example:8443", "shop.example:8443"),
        ("127.0.0.1:8000", "127.0.0.1:8000"),
        ("[::1]:8000", "[::1]:8000"),
        ("my_app.internal", "my_app.internal"),
        ("shop.example.", "shop.example."),
        # Nothing a link must not hold: userinfo, a path, a query, quotes, spaces, markup.
        ("evil.example/x", None),
        ("user@evil.example", None),
        ("evil.example?x", None),
        ("evil.example#x", None),
        ('evil.example"onmouseover=x', None),
        ("evil.example\\x", None),
        ("evil example", None),
        ("evil.example:", None),
        ("evil.example:123456", None),
        ("<script>", None),
        ("caf\u00e9.example", None),  # browsers send IDNs as punycode
        ("", None),
        ("a" * 256, None),
    ],
)
def test_request_host_is_a_plain_host_and_port_or_nothing(host, expected):
    assert request_host({"HTTP_HOST": host}) == expected
    scope = {"headers": [(b"host", host.encode("utf-8"))]}
    assert request_host(scope) == expected


def test_request_host_refuses_none_or_two_and_never_reads_forwarded_hosts():
    assert request_host({}) is None
    assert request_host({"HTTP_X_FORWARDED_HOST": "shop.example"}) is None
    assert request_host({"headers": [(b"x-forwarded-host", b"shop.example")]}) is None
    two = {"headers": [(b"host", b"shop.example"), (b"host", b"evil.example")]}
    assert request_host(two) is None


@pytest.mark.parametrize(
    ("policies", "blocked"),
    [
        (["default-src 'self'"], ("style", "script")),
        (["default-src 'self'; script-src 'self'; style-src 'self'"], ("style", "script")),
        (["default-src 'self' 'unsafe-inline'"], ()),
        (["style-src 'unsafe-inline'; script-src 'self'"], ("script",)),
        (["STYLE-SRC 'UNSAFE-INLINE'; Script-Src 'Unsafe-Inline'"], ()),
        # The most specific directive decides; default-src only when there is none.
        (["default-src 'none'; style-src 'unsafe-inline'"], ("script",)),
        (["style-src 'unsafe-inline'; style-src-elem 'self'; script-src *"], ("style", "script")),
        (["script-src-elem 'unsafe-inline'; script-src 'self'; style-src *"], ("style",)),
        # A nonce or a hash makes browsers ignore 'unsafe-inline'; so does 'strict-dynamic'.
        (["style-src 'unsafe-inline' 'nonce-abc'; script-src 'unsafe-inline'"], ("style",)),
        (["script-src 'unsafe-inline' 'sha256-abc='"], ("script",)),
        (["script-src 'unsafe-inline' 'strict-dynamic'"], ("script",)),
        # Every policy is enforced: two headers, or two policies in one.
        (["default-src 'unsafe-inline'", "script-src 'self'"], ("script",)),
        (["default-src 'unsafe-inline', style-src 'self'"], ("style",)),
        # The first of a repeated directive counts.
        (["script-src 'self'; script-src 'unsafe-inline'"], ("script",)),
        # Directives that do not govern inline styles or scripts.
        (["img-src 'self'; frame-ancestors 'none'; upgrade-insecure-requests"], ()),
        ([""], ()),
    ],
)
def test_csp_blocks_inline(policies, blocked):
    assert csp_blocks_inline(policies) == blocked


# -- cookies ----------------------------------------------------------------------------


@given(
    st.lists(
        st.sampled_from(
            ["jreject_closed", "jreject_closedx", "x", "=", ";", " ", "\t", "1", "a b"]
        ),
        max_size=12,
    ).map("".join)
)
def test_has_cookie_reads_a_cookie_header_as_cookie_names_does(header):
    assert has_cookie(header, "jreject_closed") == ("jreject_closed" in cookie_names(header))


@pytest.mark.parametrize(
    ("header", "found"),
    [
        ("jreject_closed=1", True),
        ("a=1; jreject_closed=1", True),
        ("a=1;jreject_closed", True),
        (" jreject_closed =1; b=2", True),
        ("xjreject_closed=1", False),
        ("jreject_closedx=1", False),
        ("a=jreject_closed", False),
        ("", False),
    ],
)
def test_has_cookie_finds_a_cookie_by_its_whole_name(header, found):
    assert has_cookie(header, "jreject_closed") is found
