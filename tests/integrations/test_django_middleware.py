"""jreject.django.JRejectMiddleware in the test project, on the sync and the async path."""

from __future__ import annotations

import gzip
import io
import logging

import pytest
from asyncrun import in_thread
from asyncrun import run as run_async
from django.conf import settings
from django.test import AsyncClient, Client, override_settings

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)"
CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36"
)
NOTICE = b'id="jreject"'


class Visitor:
    """One browser; ``get`` returns (status, headers, body) via the sync or async client."""

    def __init__(self, mode: str, user_agent: str, **headers: str) -> None:
        self.mode = mode
        self.headers = {"User-Agent": user_agent, **headers}

    def get(self, path: str, **extra: str):
        if self.mode == "sync":

            def fetch_sync():
                response = Client(headers=self.headers).get(path, **extra)
                if response.streaming:
                    return response, b"".join(response.streaming_content)
                return response, response.content

            return in_thread(fetch_sync)

        async def fetch():
            # Per request: AsyncClient's constructor headers use WSGI names, which
            # ASGIRequest drops since the CVE-2026-3902 fix.
            response = await AsyncClient().get(path, headers=self.headers, **extra)
            if response.streaming and response.is_async:
                parts = [part async for part in response.streaming_content]
                return response, b"".join(parts)
            if response.streaming:
                return response, b"".join(response.streaming_content)
            return response, response.content

        return run_async(fetch())


@pytest.fixture(params=["sync", "async"])
def mode(request):
    return request.param


def test_old_browser_gets_the_modal_before_body_end(mode):
    response, body = Visitor(mode, IE6).get("/")
    assert response.status_code == 200
    assert body.count(NOTICE) == 1
    assert body.index(NOTICE) < body.lower().index(b"</body>")
    assert int(response["Content-Length"]) == len(body)
    assert "User-Agent" in response["Vary"]


def test_a_notice_failing_to_render_leaves_the_page_as_the_template_tag_wrote_it(
    mode, monkeypatch, caplog
):
    from jreject.notice import Notice

    def fragment(self, request):
        raise RuntimeError("notice broke")

    monkeypatch.setattr(Notice, "fragment", fragment)
    caplog.set_level(logging.ERROR, logger="jreject")
    response, body = Visitor(mode, IE6).get("/manual/")
    assert response.status_code == 200
    assert b"<header><!-- jreject-notice --></header>" in body
    assert NOTICE not in body
    messages = [r.getMessage() for r in caplog.records if r.name == "jreject"]
    assert messages == [
        "jreject failed while finishing the response; the response is served unmodified"
    ]


GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.mark.parametrize("path", ["/cached-manual/", "/fragment/"])
def test_a_cached_page_or_fragment_with_the_template_tag_gets_each_visitor_their_own_notice(
    mode, path
):
    # cache_page and {% cache %} keep what the first visitor's response rendered: the
    # tag must not have put that visitor's notice there.
    from django.core.cache import cache

    cache.clear()
    for user_agent, notices in ((IE6, 1), (CHROME, 0), (IE6, 1), (GOOGLEBOT, 0)):
        _, body = Visitor(mode, user_agent).get(path)
        assert body.count(NOTICE) == notices, user_agent
        assert body.count(b"Internet Explorer 6") == notices, user_agent
        assert body.index(b"<header>") < body.index(b"</header>")
        header = body[body.index(b"<header>") : body.index(b"</header>")]
        assert (NOTICE in header) == bool(notices)


def test_current_browser_page_is_unmodified_but_varies(mode):
    response, body = Visitor(mode, CHROME).get("/")
    assert NOTICE not in body
    assert body.startswith(b"<!doctype html>")
    assert "User-Agent" in response["Vary"]


def test_verdict_is_on_the_request(mode):
    _, body = Visitor(mode, IE6).get("/explain/")
    assert body == b"modal False"
    _, body = Visitor(mode, CHROME).get("/explain/")
    assert body == b"allow True"


def test_async_view_gets_the_notice(mode):
    _, body = Visitor(mode, IE6).get("/async/")
    assert NOTICE in body


@pytest.mark.parametrize(
    "path", ["/exempt/", "/async-exempt/", "/cbv-exempt/", "/cbv-method-exempt/"]
)
def test_exempt_views_are_untouched(mode, path):
    response, body = Visitor(mode, IE6).get(path)
    assert NOTICE not in body
    assert "User-Agent" not in response.get("Vary", "")
    assert not hasattr(
        response.wsgi_request if mode == "sync" else response.asgi_request, "jreject"
    )


def test_view_policy_blocks_with_406(mode):
    response, body = Visitor(mode, IE6).get("/strict/")
    assert response.status_code == 406
    assert response["X-Robots-Tag"] == "noindex"
    assert response["Cache-Control"] == "no-store"
    assert b"Shop" not in body


def test_block_answers_head_without_a_body():
    response = Client(headers={"User-Agent": IE6}).head("/strict/")
    assert response.status_code == 406
    assert response.content == b""


def test_view_policy_allows_what_it_allows(mode):
    response, body = Visitor(mode, CHROME).get("/strict/")
    assert response.status_code == 200
    assert NOTICE not in body


def test_class_based_view_policy_replaces_the_site_policy(mode):
    # The site rejects IE ≤ 8; this view rejects every Chrome instead, with a banner.
    _, ie_body = Visitor(mode, IE6).get("/cbv-strict/")
    _, chrome_body = Visitor(mode, CHROME).get("/cbv-strict/")
    assert NOTICE not in ie_body
    assert NOTICE in chrome_body
    assert b"jreject-banner" in chrome_body


def test_decorating_a_class_inline_leaves_the_class_and_its_other_urls_alone(mode):
    assert NOTICE not in Visitor(mode, IE6).get("/cbv-inline-exempt/")[1]
    assert NOTICE in Visitor(mode, IE6).get("/cbv-plain/")[1]


def test_a_subclass_policy_wins_over_its_base_class_exemption(mode):
    response, _ = Visitor(mode, IE6).get("/cbv-strict-child/")
    assert response.status_code == 406


def test_admin_is_exempt_by_default(mode):
    response, body = Visitor(mode, IE6).get("/admin/login/")
    assert response.status_code == 200
    assert NOTICE not in body


@override_settings(JREJECT_EXEMPT_NAMESPACES=[])
def test_admin_exemption_can_be_turned_off(mode):
    _, body = Visitor(mode, IE6).get("/admin/login/")
    assert NOTICE in body


@override_settings(
    JREJECT={"middleware": {"exclude": ["/template/"]}, "policy": {"reject": {"msie": 8}}}
)
def test_url_prefixes_excluded_in_settings_are_untouched(mode):
    _, excluded = Visitor(mode, IE6).get("/template/")
    _, other = Visitor(mode, IE6).get("/")
    assert NOTICE not in excluded
    assert NOTICE in other


@override_settings(
    JREJECT={"middleware": {"include": ["/template/"]}, "policy": {"reject": {"msie": 8}}}
)
def test_url_prefixes_included_in_settings_are_the_only_ones_checked(mode):
    _, included = Visitor(mode, IE6).get("/template/")
    _, other = Visitor(mode, IE6).get("/")
    assert NOTICE in included
    assert NOTICE not in other


def test_streaming_response_gets_the_notice_across_chunks(mode):
    response, body = Visitor(mode, IE6).get("/stream/")
    assert response.streaming
    assert body.count(NOTICE) == 1
    assert body.endswith(b"</body></html>")
    assert body.index(NOTICE) < body.index(b"</body>")


def test_async_streaming_response_gets_the_notice():
    response, body = Visitor("async", IE6).get("/async-stream/")
    assert response.is_async
    assert body.count(NOTICE) == 1
    assert body.index(NOTICE) < body.index(b"</body>")


def test_json_is_never_touched(mode):
    _response, body = Visitor(mode, IE6).get("/data/")
    assert body == b'{"ok": true}'


def test_gzip_outside_jreject_compresses_the_page_with_the_notice(mode):
    # The test project lists GZipMiddleware first (outermost), as docs/django.md says.
    response, body = Visitor(mode, IE6, **{"Accept-Encoding": "gzip"}).get("/")
    assert response["Content-Encoding"] == "gzip"
    assert NOTICE in gzip.decompress(body)


def test_close_link_sets_the_cookie_and_the_notice_stays_away(mode):
    # Django keeps cookies apart from headers: its test client only sees them there.
    if mode == "sync":
        client = Client(headers={"User-Agent": IE6})
        response = in_thread(lambda: client.get("/_jreject/close", {"next": "/template/"}))
        after = in_thread(lambda: client.get("/template/"))
    else:
        client = AsyncClient()
        headers = {"User-Agent": IE6}
        response = run_async(client.get("/_jreject/close", {"next": "/template/"}, headers=headers))
        after = run_async(client.get("/template/", headers=headers))
    assert response.status_code == 303
    assert response["Location"] == "/template/"
    assert response.cookies["jreject_closed"].value == "1"
    assert client.cookies["jreject_closed"].value == "1"
    assert NOTICE not in after.content


@pytest.mark.parametrize(
    ("middleware", "expected"),
    [
        ({}, "jreject_closed=1; Path=/; SameSite=Lax"),
        (
            {
                "cookie_max_age": 600,
                "cookie_path": "/shop/",
                "cookie_secure": True,
                "cookie_samesite": "Strict",
            },
            "jreject_closed=1; Path=/shop/; Max-Age=600; Secure; SameSite=Strict",
        ),
        ({"cookie_samesite": "None"}, "jreject_closed=1; Path=/; Secure; SameSite=None"),
        # Django's cookie model would drop this path: it goes as the raw header.
        ({"cookie_path": "/a;b/"}, "jreject_closed=1; Path=/a;b/; SameSite=Lax"),
    ],
)
def test_close_cookie_goes_out_as_the_engine_wrote_it(middleware, expected):
    from django.core.handlers.wsgi import WSGIHandler

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/_jreject/close",
        "QUERY_STRING": "next=%2F",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "HTTP_USER_AGENT": IE6,
    }
    sent = []
    jreject = {"policy": [{"reject": {"msie": 8}, "action": "modal"}], "middleware": middleware}
    with override_settings(JREJECT=jreject):
        WSGIHandler()(environ, lambda status, headers: sent.extend(headers))
    cookies = [value.strip() for name, value in sent if name.lower() == "set-cookie"]
    assert cookies == [expected]


def test_close_link_never_redirects_off_site():
    response = Client(headers={"User-Agent": IE6}).get(
        "/_jreject/close", {"next": "//evil.example/"}
    )
    assert response["Location"] == "/"


def test_the_scripts_close_request_gets_204_and_the_cookie():
    client = Client(headers={"User-Agent": IE6, "X-Requested-With": "XMLHttpRequest"})
    response = client.get("/_jreject/close", {"next": "/template/"})
    assert response.status_code == 204
    assert response.content == b""
    assert not response.has_header("Location")
    assert response.cookies["jreject_closed"].value == "1"


def test_active_language_picks_the_notice_translation(mode):
    _, german = Visitor(mode, IE6, **{"Accept-Language": "de"}).get("/")
    _, english = Visitor(mode, IE6, **{"Accept-Language": "en"}).get("/")
    assert b"Ihr Browser ist veraltet" in german
    assert b"Your browser is out of date" in english


def test_language_works_wherever_locale_middleware_sits(mode):
    others = [m for m in settings.MIDDLEWARE if "JReject" not in m]
    first = [others[0], "jreject.django.JRejectMiddleware", *others[1:]]  # before Locale
    with override_settings(MIDDLEWARE=first):
        _, page = Visitor(mode, IE6, **{"Accept-Language": "de"}).get("/")
        blocked, block_page = Visitor(mode, IE6, **{"Accept-Language": "de"}).get("/strict/")
    assert b"Ihr Browser ist veraltet" in page
    assert blocked.status_code == 406
    assert b"Ihr Browser" in block_page


def test_django_active_language_wins_over_the_visitors_other_languages(mode):
    # LANGUAGES has en, de, fr: Django activates English for a Japanese reader, and the
    # notice matches the page.
    _, body = Visitor(mode, IE6, **{"Accept-Language": "ja"}).get("/")
    assert b"Your browser is out of date" in body


def test_without_locale_middleware_jreject_negotiates_accept_language(mode):
    without = [m for m in settings.MIDDLEWARE if "LocaleMiddleware" not in m]
    with override_settings(MIDDLEWARE=without):
        response, body = Visitor(mode, IE6, **{"Accept-Language": "ja"}).get("/")
    assert "お使いのブラウザーは古くなっています".encode() in body
    assert "Accept-Language" in response["Vary"]


CACHE_FRIENDLY = {
    "policy": [{"reject": {"msie": 8}, "action": "modal"}],
    "middleware": {"cache_friendly": True},
}


@pytest.mark.parametrize(
    ("urlconf", "url"),
    [
        ("django_project.urls_i18n", "/en/strict/"),
        ("django_project.urls_i18n", "/de/strict/"),
        ("django_project.urls_i18n_unprefixed", "/strict/"),
        ("django_project.urls_i18n_unprefixed", "/de/strict/"),
    ],
)
@pytest.mark.parametrize("language", ["en", "de"])
def test_cache_friendly_endpoints_find_the_view_of_a_page_in_any_language(
    mode, urlconf, url, language
):
    # v.js and notice name the page with next=; its URL's language, not the one
    # negotiated for the endpoint request, says which view it is (the strict one blocks).
    visitor = Visitor(mode, IE6, **{"Accept-Language": language})
    with override_settings(ROOT_URLCONF=urlconf, JREJECT=CACHE_FRIENDLY):
        _, script = visitor.get(f"/_jreject/v.js?next={url}")
        notice, _ = visitor.get(f"/_jreject/notice?next={url}")
        exempt = url.replace("strict", "exempt")
        _, exempt_script = visitor.get(f"/_jreject/v.js?next={exempt}")
    assert script.startswith(b"/* jreject: this browser is not supported */")
    assert notice.status_code == 406
    assert exempt_script == b""


def test_csp_nonce_from_django_csp_is_on_inline_tags(mode):
    _, body = Visitor(mode, IE6).get("/?csp=1")
    assert b'nonce="bm9uY2UtMTIz"' in body
    _, plain = Visitor(mode, IE6).get("/")
    assert b"nonce=" not in plain


@override_settings(JREJECT={"policy": {"reject": {"msie": 8}}, "middleware": {"explain": True}})
def test_explain_header_names_the_rule(mode):
    response, _ = Visitor(mode, IE6).get("/")
    assert response["JReject"].startswith("modal; rule=")


def test_config_file_setting(tmp_path, mode):
    config = tmp_path / "jreject.toml"
    config.write_text('[[policy]]\nreject = { msie = 8 }\naction = "banner"\n')
    with override_settings(JREJECT=None, JREJECT_CONFIG=str(config)):
        _, body = Visitor(mode, IE6).get("/")
    assert b"jreject-banner" in body


def test_bad_config_disables_jreject_and_serves_pages_unmodified(mode, caplog):
    caplog.set_level(logging.ERROR, logger="jreject")
    with override_settings(JREJECT={"policy": {"reject": {"msiee": 8}}}):
        response, body = Visitor(mode, IE6).get("/")
    assert response.status_code == 200
    assert body.startswith(b"<!doctype html>")
    assert NOTICE not in body
    assert b"jreject" not in body.lower()
    assert any("msiee" in r.getMessage() for r in caplog.records)
    assert any("manage.py check" in r.getMessage() for r in caplog.records)


def test_page_with_the_notice_placed_by_the_template_tag_is_private(mode):
    # The page holds the notice as surely as an injected one (issue 9 §2).
    response, body = Visitor(mode, IE6).get("/manual/")
    assert body.count(NOTICE) == 1
    assert b"<!-- jreject-notice -->" not in body
    assert response["Cache-Control"] == "private"
    assert "Cookie" in response["Vary"]
    assert int(response["Content-Length"]) == len(body)
