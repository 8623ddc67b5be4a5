"""Cache-friendly mode: one page for every visitor, ``<prefix>/v.js`` decides per visitor."""

from __future__ import annotations

import pytest

from jreject.middleware.cachefriendly import NOSCRIPT_TEXT
from jreject.middleware.inject import PLACEHOLDER

from .conftest import BLOCK_PAGE, FRAGMENT, FakeNotice, Page

TAGS = (
    b'<script src="/_jreject/v.js" async></script><noscript><p class="jreject-noscript">'
    b'<a href="/_jreject/notice?next=/shop%3Fq%3D1" rel="nofollow">'
)


@pytest.mark.parametrize("ua", ["modern", "modal", "banner", "block", "log", None])
def test_every_visitor_gets_the_same_page_without_vary(make, kind, ua):
    harness = make(Page(), cache_friendly=True)
    result = harness.get("/shop", query="q=1", ua=ua)
    assert result.status == 200
    assert result.body.startswith(b"<html><body>hi" + TAGS)
    assert result.body.endswith(NOSCRIPT_TEXT.encode() + b"</a></p></noscript></body></html>")
    assert result.header("Vary") is None
    # Known only when the page came whole before the start left (ASGI, one message).
    expected = str(len(result.body)) if kind == "asgi" else None
    assert result.header("Content-Length") == expected
    assert result.header("Cache-Control") is None


def test_the_page_is_the_same_bytes_for_all_visitors(make):
    harness = make(Page(), cache_friendly=True)
    bodies = {harness.get("/", ua=ua).body for ua in ("modern", "modal", "block")}
    assert len(bodies) == 1


def test_validators_are_kept_and_a_304_passes(make):
    page = Page(headers=[("Content-Type", "text/html"), ("ETag", '"v1"')], not_modified_for='"v1"')
    harness = make(page, cache_friendly=True)
    assert harness.get("/").header("ETag") == '"v1"'
    assert harness.get("/", ua="modal", headers={"If-None-Match": '"v1"'}).status == 304


def test_non_html_is_untouched(make):
    page = Page(headers=[("Content-Type", "application/json")], chunks=[b"{}"])
    result = make(page, cache_friendly=True).get("/api")
    assert result.body == b"{}"
    assert result.header("Content-Length") == "2"


def test_an_allowed_browser_gets_an_empty_cacheable_script(make):
    result = make(Page(), cache_friendly=True).get("/_jreject/v.js")
    assert result.status == 200
    assert result.body == b""
    assert result.header("Content-Type") == "text/javascript; charset=utf-8"
    assert result.header("Cache-Control") == "public, max-age=3600"
    vary = result.header("Vary")
    assert vary is not None
    assert vary.startswith("User-Agent, Sec-CH-UA")
    assert "Cookie" not in vary


def test_a_warned_browser_gets_the_notice_script_never_stored(make):
    harness = make(Page(), cache_friendly=True)
    result = harness.get("/_jreject/v.js", ua="modal", headers={"Referer": "http://t/shop?a=1"})
    assert b"jreject notice" in result.body
    assert FRAGMENT.replace(b"/", b"\\/") in result.body or b"notice" in result.body
    assert result.header("Cache-Control") == "private, no-store"
    assert "Cookie" in (result.header("Vary") or "")
    (request,) = harness.notice.requests
    assert request.close_url == "/_jreject/close?next=%2Fshop%3Fa%3D1"


def test_a_warned_browser_that_closed_the_notice_gets_nothing(make):
    harness = make(Page(), cache_friendly=True)
    result = harness.get("/_jreject/v.js", ua="banner", headers={"Cookie": "jreject_closed=1"})
    assert result.body == b""
    assert harness.counters["dismissed"] == 1


def test_a_blocked_browser_is_sent_to_the_notice_page(make):
    result = make(Page(), cache_friendly=True).get("/_jreject/v.js", ua="block", root="/app")
    assert b'location.replace("/app/_jreject/notice" + "?next="' in result.body
    assert result.header("Cache-Control") == "private, no-store"


def test_the_notice_page_is_the_406_page_for_a_blocked_browser(make):
    harness = make(Page(), cache_friendly=True, continue_anyway=True)
    result = harness.get("/_jreject/notice", ua="block", query="next=/shop%3Fq%3D1")
    assert (result.status, result.body) == (406, BLOCK_PAGE)
    assert result.header("Cache-Control") == "no-store"
    (request,) = harness.notice.requests
    assert request.continue_url == "/_jreject/continue?next=%2Fshop%3Fq%3D1"


def test_the_notice_page_shows_the_notice_to_a_warned_browser(make):
    result = make(Page(), cache_friendly=True).get("/_jreject/notice", ua="modal", query="next=/")
    assert result.status == 200
    assert FRAGMENT in result.body


@pytest.mark.parametrize("ua", ["modern", "log"])
def test_the_notice_page_sends_anyone_else_back(make, ua):
    result = make(Page(), cache_friendly=True).get("/_jreject/notice", ua=ua, query="next=/a?b=1")
    assert (result.status, result.header("Location")) == (303, "/a?b=1")


def test_the_notice_page_never_redirects_off_site(make):
    result = make(Page(), cache_friendly=True).get("/_jreject/notice", query="next=//evil.test/")
    assert result.header("Location") == "/"


def test_off_by_default(make):
    result = make(Page()).get("/_jreject/v.js")
    assert result.body == b"<html><body>hi</body></html>"


def test_vary_key_replaces_the_detection_headers(make):
    result = make(Page(), vary_key="JReject-Class").get("/")
    assert result.header("Vary") == "JReject-Class"


@pytest.mark.parametrize(
    ("key", "value"), [("cache_friendly", "yes"), ("vary_key", "JReject Class"), ("vary_key", 1)]
)
def test_bad_options_name_the_key(make, key, value):
    with pytest.raises(ValueError, match=key):
        make(Page(), **{key: value})


def test_v_js_fails_open(make):
    # The notice cannot be rendered: the request reaches the app, as any jreject error does.
    harness = make(Page(), cache_friendly=True, notice=FakeNotice(fail=True))
    result = harness.get("/_jreject/v.js", ua="modal")
    assert result.body.startswith(b"<html><body>hi")
    assert harness.counters["errors"] == 1


@pytest.mark.parametrize("ua", ["modal", "block"])
def test_v_js_runs_on_old_internet_explorer(make, ua):
    # ES5 syntax without what IE 6-8 cannot parse (the notice's own assets' check).
    from notice.test_assets import parse_es5

    body = make(Page(), cache_friendly=True).get("/_jreject/v.js", ua=ua).body
    assert body
    parse_es5(body.decode("ascii"))


def test_v_js_with_next_closes_back_to_that_page(make):
    # A page with a view policy of its own names itself in v.js?next= (Django, Flask).
    harness = make(Page(), cache_friendly=True)
    result = harness.get("/_jreject/v.js", ua="modal", query="next=/shop%3Fa%3D1")
    assert result.header("Cache-Control") == "private, no-store"
    (request,) = harness.notice.requests
    assert request.close_url == "/_jreject/close?next=%2Fshop%3Fa%3D1"


def _engine(make):
    return make(Page(), cache_friendly=True).middleware._built.engine


def _request(path, query=""):
    from jreject.middleware.http import Request

    return Request("GET", "", path, query, False, "", "", {}, {})


def test_page_path_names_the_page_of_an_endpoint_request(make):
    friendly = _engine(make).cache_friendly
    assert friendly.page_path(_request("/_jreject/v.js", "next=/a%3Fb%3D1")) == "/a"
    assert friendly.page_path(_request("/_jreject/notice", "next=//evil.test/")) == "/"
    assert friendly.page_path(_request("/_jreject/v.js")) is None
    assert friendly.page_path(_request("/shop", "next=/a")) is None


def test_a_scoped_page_names_itself_in_the_script_url(make):
    friendly = _engine(make).cache_friendly
    tags = friendly.tags(_request("/shop", "q=1"), scoped=True)
    assert tags.startswith(b'<script src="/_jreject/v.js?next=/shop%3Fq%3D1" async>')


def test_the_tags_take_the_place_of_the_placeholder_and_the_validators_stay(make):
    # What {% jreject_notice %} and jreject_notice() write: the page is the same for all.
    head, tail = b"<html><body><header>", b"</header><main>m</main></body></html>"
    page = Page(
        headers=[("Content-Type", "text/html"), ("ETag", '"v1"')],
        chunks=[head + PLACEHOLDER + tail],
    )
    for ua in ("modern", "modal"):
        result = make(page, cache_friendly=True).get(ua=ua)
        assert result.body.startswith(head)
        assert result.body.endswith(tail)
        tags = result.body[len(head) : -len(tail)]
        assert tags.startswith(b'<script src="/_jreject/v.js" async>')
        assert tags.endswith(b"</noscript>")
        assert result.header("ETag") == '"v1"'


def test_a_page_url_too_long_to_link_back_to_is_not_copied_into_the_tags(make):
    # The <noscript> link names the page: 64 KiB of escapes no browser or server takes.
    harness = make(Page(), cache_friendly=True)
    result = harness.get("/shop", query="q=" + "%E9" * 21000)
    assert b'<a href="/_jreject/notice?next=/shop" rel="nofollow">' in result.body


@pytest.mark.parametrize("endpoint", ["/_jreject/notice", "/_jreject/v.js"])
def test_a_next_too_long_to_be_a_page_of_ours_stands_for_the_root(make, endpoint):
    harness = make(Page(), cache_friendly=True)
    harness.get(endpoint, ua="modal", query="next=/" + "%25E9" * 21000)
    (request,) = harness.notice.requests
    assert request.close_url == "/_jreject/close?next=%2F"


@pytest.mark.parametrize(
    ("content_type", "encoding", "mark"),
    [
        ("text/html; charset=utf-16le", "utf-16-le", ""),
        ("text/html; charset=utf-16", "utf-16", ""),
        ("text/html; charset=cp037", "cp037", ""),
        ("text/html", "utf-16-le", "\ufeff"),  # the byte order mark says it
    ],
)
def test_a_page_in_a_charset_not_based_on_ascii_goes_out_as_the_app_sent_it(
    make, content_type, encoding, mark
):
    # The tags are ASCII bytes: in a UTF-16 page they would show as garbage, on every
    # visitor's copy, since the page is the same for all.
    data = (mark + "<html><body>hi</body></html>").encode(encoding)
    harness = make(
        Page(headers=[("Content-Type", content_type)], chunks=[data]), cache_friendly=True
    )
    result = harness.get()
    assert result.body == data
    assert harness.counters["skipped_charset"] == 1
    assert harness.counters["injected"] == 0
