"""The verdict service's answers, in process (the proxy tests run it under uvicorn)."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from jreject.serve.app import VerdictService
from serve.conftest import CHROME, GOOGLEBOT, IE6, OLD_SAFARI

CONFIG = {
    "policy": [
        {"reject": {"msie": 10}, "action": "block"},
        {"minimum": {"preset": "modern"}, "action": "modal"},
    ]
}


def call(app, method, path, agent=CHROME, **headers):
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
            return await client.request(method, path, headers={"User-Agent": agent, **headers})

    return asyncio.run(go())


@pytest.fixture(scope="module")
def app():
    return VerdictService(CONFIG)


@pytest.mark.parametrize(
    ("endpoint", "agent", "status", "action"),
    [
        ("nginx", IE6, 403, "block"),
        ("nginx", OLD_SAFARI, 200, "modal"),
        ("nginx", CHROME, 200, "allow"),
        ("nginx", GOOGLEBOT, 200, "allow"),
        ("traefik", IE6, 406, "block"),
        ("traefik", OLD_SAFARI, 200, "modal"),
        ("traefik", CHROME, 200, "allow"),
        ("envoy/shop/boards", IE6, 406, "block"),
        ("envoy/shop/boards", OLD_SAFARI, 200, "modal"),
        ("envoy/", CHROME, 200, "allow"),
    ],
)
def test_each_protocol_answers_in_its_own_shape(app, endpoint, agent, status, action):
    response = call(app, "GET", "/_jreject/auth/" + endpoint, agent)
    assert response.status_code == status
    assert response.headers["jreject-action"] == action
    assert response.headers["cache-control"] == "no-store"
    blocked_with_page = status == 406
    assert ("Your browser is not supported" in response.text) is blocked_with_page
    if status != 406:
        assert response.content == b""


def test_nginx_block_is_a_bare_403_and_the_page_comes_from_the_block_endpoint(app):
    auth = call(app, "GET", "/_jreject/auth/nginx", IE6, **{"X-Original-URI": "/shop?x=1"})
    assert (auth.status_code, auth.content) == (403, b"")
    page = call(app, "GET", "/_jreject/block", IE6, **{"X-Original-URI": "/shop?x=1"})
    assert page.status_code == 406
    assert page.headers["x-robots-tag"] == "noindex"
    assert "Internet Explorer 6.0" in page.text


@pytest.mark.parametrize(
    "headers",
    [{"X-Requested-With": "XMLHttpRequest"}, {"Sec-Fetch-Dest": "empty"}, {"HX-Request": "true"}],
)
def test_a_fetch_of_an_old_browser_is_not_a_page_load_and_is_allowed(app, headers):
    # The same page-load rule as the middleware (act_on = "navigations"): an htmx or
    # fetch call behind nginx must not get a 403 and the HTML block page.
    response = call(app, "GET", "/_jreject/auth/nginx", IE6, **headers)
    assert response.status_code == 200


def test_block_endpoint_is_404_for_a_browser_that_is_not_blocked(app):
    assert call(app, "GET", "/_jreject/block", CHROME).status_code == 404


def test_verdict_headers_name_the_rule_and_reason(app):
    response = call(app, "GET", "/_jreject/auth/nginx", OLD_SAFARI)
    assert response.headers["jreject-rule"] == "safari<17.2"
    assert response.headers["jreject-reason"] == (
        "Safari 15.6 is older than the minimum 17.2 for safari"
    )


def test_a_closed_notice_is_allow(app):
    response = call(app, "GET", "/_jreject/auth/nginx", OLD_SAFARI, Cookie="jreject_closed=1")
    assert response.headers["jreject-action"] == "allow"


def test_continue_cookie_lets_a_blocked_browser_through_when_offered():
    app = VerdictService({**CONFIG, "middleware": {"continue_anyway": True}})
    blocked = call(app, "GET", "/_jreject/auth/traefik", IE6, **{"X-Forwarded-Uri": "/shop"})
    assert blocked.status_code == 406
    assert "/_jreject/continue?next=%2Fshop" in blocked.text
    through = call(app, "GET", "/_jreject/auth/traefik", IE6, Cookie="jreject_continue=1")
    assert (through.status_code, through.headers["jreject-action"]) == (200, "allow")


def test_excluded_paths_are_allowed_whatever_the_browser():
    app = VerdictService({**CONFIG, "middleware": {"exclude": ["/api"]}})
    headers = {"X-Original-URI": "/api/orders"}
    assert call(app, "GET", "/_jreject/auth/nginx", IE6, **headers).status_code == 200
    assert call(app, "GET", "/_jreject/auth/envoy/api/orders", IE6).status_code == 200
    assert call(app, "GET", "/_jreject/auth/envoy/shop", IE6).status_code == 406


def test_notice_script_is_empty_for_an_allowed_browser(app):
    response = call(app, "GET", "/_jreject/notice.js", CHROME)
    assert response.status_code == 200
    assert response.text == "/* jreject: nothing to show */\n"
    assert response.headers["cache-control"] == "private, no-store"
    assert "User-Agent" in response.headers["vary"]
    assert "Cookie" in response.headers["vary"]


def test_notice_script_for_a_warned_browser_closes_back_to_the_referring_page(app):
    response = call(
        app, "GET", "/_jreject/notice.js", OLD_SAFARI, Referer="https://shop.test/boards?oak=1"
    )
    assert "jreject-modal" in response.text
    assert "/_jreject/close?next=%2Fboards%3Foak%3D1" in response.text


@pytest.mark.parametrize("referer", ["http://[shop.test/boards", "https://shop.test]/boards"])
def test_notice_script_for_an_unreadable_referer_closes_back_to_the_home_page(app, referer):
    # A Referer is whatever the browser (or anyone) sends: one urlsplit cannot read still
    # gets the notice, with the close link going home, never a 500.
    response = call(app, "GET", "/_jreject/notice.js", OLD_SAFARI, Referer=referer)
    assert response.status_code == 200
    assert "jreject-modal" in response.text
    assert "/_jreject/close?next=%2F" in response.text


def test_fragment_is_the_modal_html_or_nothing(app):
    warned = call(app, "GET", "/_jreject/fragment", OLD_SAFARI, **{"X-Original-URI": "/boards"})
    assert warned.text.count('id="jreject"') == 1
    assert "/_jreject/close?next=%2Fboards" in warned.text
    assert call(app, "GET", "/_jreject/fragment", CHROME).content == b""


def test_static_assets_and_close_link_are_served(app):
    script = call(app, "GET", "/_jreject/notice.js", OLD_SAFARI).text
    css = script.split('href=\\"', 1)[1].split('\\"', 1)[0]
    asset = call(app, "GET", css)
    assert asset.status_code == 200
    assert asset.headers["cache-control"] == "public, max-age=31536000, immutable"
    close = call(app, "GET", "/_jreject/close?next=/boards", OLD_SAFARI)
    assert close.status_code == 303
    assert close.headers["location"] == "/boards"


def test_close_cookie_is_secure_when_the_proxy_says_https(app):
    close = call(app, "GET", "/_jreject/close", OLD_SAFARI, **{"X-Forwarded-Proto": "https"})
    assert "Secure" in close.headers["set-cookie"]


def test_health_reports_counters_and_cache(app):
    response = call(app, "GET", "/healthz")
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["counters"]) >= {"allow", "block", "modal"}
    assert set(body["cache"]) == {"hits", "misses", "entries"}


def test_head_has_headers_and_no_body(app):
    response = call(app, "HEAD", "/_jreject/auth/traefik", IE6)
    assert response.status_code == 406
    assert int(response.headers["content-length"]) > 0
    assert response.content == b""


def test_unknown_paths_are_404(app):
    for path in ("/", "/_jreject/auth/apache", "/_jreject/auth/nginx/extra", "/_jreject/nope"):
        assert call(app, "GET", path).status_code == 404, path


class Broken:
    def from_environ(self, environ):
        raise RuntimeError("detection failed")

    def from_scope(self, scope):
        raise RuntimeError("detection failed")


def test_a_failure_answers_allow_to_a_proxy_and_is_counted(app, caplog):
    broken = VerdictService(CONFIG)
    broken.verdicts = Broken()
    response = call(broken, "GET", "/_jreject/auth/traefik", IE6)
    assert (response.status_code, response.headers["jreject-action"]) == (200, "allow")
    assert broken.engine.counters["errors"] == 1
    assert "jreject failed while answering /_jreject/auth/traefik" in caplog.text
    assert call(broken, "GET", "/_jreject/block", IE6).status_code == 500


def test_a_bad_config_fails_when_the_app_is_built():
    with pytest.raises(ValueError, match="policy"):
        VerdictService({"policy": [{"reject": {"msiee": 6}}]})


def test_lifespan_is_acknowledged(app):
    sent = []
    messages = iter([{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}])

    async def receive():
        return next(messages)

    async def send(message):
        sent.append(message["type"])

    asyncio.run(app({"type": "lifespan"}, receive, send))
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_verdict_headers_are_visible_ascii_whatever_the_reason_says():
    from jreject.serve.app import _header_text

    assert _header_text("Safari 15.6 is old") == "Safari 15.6 is old"
    assert _header_text("Navigateur «ancien»\r\nX-Evil: 1") == "Navigateur ?ancien???X-Evil: 1"


def test_a_warned_page_is_counted_once_however_the_notice_is_fetched():
    app = VerdictService(CONFIG)
    call(app, "GET", "/_jreject/auth/nginx", OLD_SAFARI)
    call(app, "GET", "/_jreject/notice.js", OLD_SAFARI)
    call(app, "GET", "/_jreject/fragment", OLD_SAFARI, Cookie="jreject_closed=1")
    counters = app.engine.counters.snapshot()
    assert (counters["requests"], counters["modal"], counters["injected"]) == (1, 1, 1)
