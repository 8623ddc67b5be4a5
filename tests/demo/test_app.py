from __future__ import annotations

import re
from html import unescape

import httpx
import pytest

from jreject.demo import create_asgi_app, create_wsgi_app, demo_policy, sample_visitors
from jreject.demo.app import demo_verdicts
from jreject.demo.visitors import find_visitor

#: What the tiered demo policy does to each sample visitor.
EXPECTED = {
    "ie6": "block",
    "ie11": "modal",
    "safari12": "modal",
    "chrome109-win7": "modal",
    "chrome-ios15": "modal",
    "chrome-behind": "banner",
    "samsung": "allow",
    "firefox-esr": "allow",
    "safari26-ios": "allow",
    "firefox": "allow",
    "edge": "allow",
    "chrome": "allow",
    "googlebot": "allow",
}
REAL_BROWSER = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/99.0.0.0 Safari/537.36"
)


@pytest.fixture(params=["asgi", "wsgi"])
def client_for(request):
    """Build an httpx client for the demo (ASGI or WSGI stack) with a forced action."""
    clients = []

    def make(action=None):
        if request.param == "asgi":
            transport = httpx.ASGITransport(app=create_asgi_app(action))
            client = httpx.AsyncClient(transport=transport, base_url="http://demo.test")
        else:
            transport = httpx.WSGITransport(app=create_wsgi_app(action))
            client = httpx.Client(transport=transport, base_url="http://demo.test")
        clients.append(client)
        return _Sync(client)

    return make


class _Sync:
    """One blocking interface over httpx's sync and async clients."""

    def __init__(self, client):
        self.client = client

    def get(self, url, **kwargs):
        kwargs.setdefault("headers", {"User-Agent": REAL_BROWSER})
        if isinstance(self.client, httpx.AsyncClient):
            import asyncio

            return asyncio.run(self.client.get(url, **kwargs))
        return self.client.get(url, **kwargs)

    def head(self, url, **kwargs):
        if isinstance(self.client, httpx.AsyncClient):
            import asyncio

            return asyncio.run(self.client.head(url, **kwargs))
        return self.client.head(url, **kwargs)


def text(html: str) -> str:
    """The page's words without tags, whitespace collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def shown(response: httpx.Response) -> str:
    """Which notice the visitor sees: block, modal, banner or allow (nothing)."""
    if response.status_code == 406:
        return "block"
    body = response.text
    if 'id="jreject"' not in body:
        return "allow"
    return "modal" if 'role="dialog"' in body else "banner"


def test_every_sample_visitor_has_an_expectation():
    assert set(EXPECTED) == {v.key for v in sample_visitors()}


@pytest.mark.parametrize(("key", "action"), EXPECTED.items())
def test_each_sample_visitor_gets_its_tier_s_action(client_for, key, action):
    response = client_for().get(f"/?as={key}")
    assert shown(response) == action
    explained = response.headers["jreject"]
    assert explained.split(";")[0] == action or (action == "allow" and "allow" in explained)


@pytest.mark.parametrize(("key", "action"), EXPECTED.items())
def test_the_policy_alone_agrees_with_the_served_pages(key, action):
    assert demo_verdicts().from_headers(find_visitor(key).headers()).action == action


def test_the_page_explains_the_verdict_for_the_chosen_visitor(client_for):
    html = client_for().get("/?as=safari12").text
    verdict = text(html.split('class="verdict', 1)[1].split("</section>", 1)[0])
    assert "You are viewing the shop as Safari 12.1 on macOS Mojave" in verdict
    assert "Browser Safari 12.1" in verdict
    assert "Action modal by rule" in verdict
    assert "17.2" in verdict.split("Reasons", 1)[1]


def test_without_a_visitor_the_real_browser_is_judged(client_for):
    response = client_for().get("/", headers={"User-Agent": REAL_BROWSER})
    assert shown(response) == "modal"  # Chrome 99 is below the modern minimum 120
    assert "your own browser" in response.text


def test_links_keep_the_chosen_visitor(client_for):
    body = client_for().get("/?as=ie11").text
    assert 'href="/product/field-notebook?as=ie11"' in body
    assert '<option value="ie11" selected>' in body


@pytest.mark.parametrize("forced", ["modal", "banner", "block", "log"])
def test_action_option_replaces_every_tier_s_action(client_for, forced):
    client = client_for(forced)
    for key in ("ie6", "safari12", "chrome-behind"):
        response = client.get(f"/?as={key}")
        assert response.headers["jreject"].split(";")[0] == forced
        assert shown(response) == ("allow" if forced == "log" else forced)
    assert shown(client.get("/?as=chrome")) == "allow"


def test_the_banner_tier_nudges_in_softer_words_than_the_default(client_for):
    tiered = text(client_for().get("/?as=chrome-behind").text)
    assert "A newer version is out" in tiered
    assert "no longer supports" not in tiered
    forced = text(client_for("banner").get("/?as=chrome-behind").text)
    assert "no longer supports" in forced


def test_chromium_is_asked_for_its_full_version(client_for):
    accept_ch = client_for().get("/?as=chrome").headers["accept-ch"].lower()
    assert "sec-ch-ua-full-version-list" in accept_ch
    assert "sec-ch-ua-platform-version" in accept_ch


def test_dry_run_page_says_nothing_is_shown(client_for):
    body = client_for("log").get("/?as=ie6").text
    assert "Dry run" in body


def test_how_it_works_lists_every_visitor_with_its_action(client_for):
    body = unescape(client_for().get("/how-it-works?as=chrome").text)
    for visitor in sample_visitors():
        row = body.split(visitor.label, 1)[1].split("</tr>", 1)[0]
        assert f"<code>{EXPECTED[visitor.key]}</code>" in row, visitor.key


def test_product_pages_and_404(client_for):
    client = client_for()
    assert client.get("/product/rain-ink?as=chrome").status_code == 200
    assert "Rain ink" in client.get("/product/rain-ink?as=chrome").text
    assert client.get("/product/nope?as=chrome").status_code == 404
    assert client.get("/nowhere?as=chrome").status_code == 404


def test_head_has_no_body(client_for):
    response = client_for().head("/?as=chrome", headers={"User-Agent": REAL_BROWSER})
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(
    ("target", "location"),
    [
        ("/product/rain-ink?as=ie11", "/product/rain-ink?as=ie11"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
    ],
)
def test_reset_forgets_the_close_cookie_and_stays_on_the_site(client_for, target, location):
    response = client_for().get("/_demo/reset", params={"next": target})
    assert response.status_code == 303
    assert response.headers["location"] == location
    assert response.headers["set-cookie"].startswith("jreject_closed=; Max-Age=0; Path=/")


@pytest.mark.parametrize(
    ("query", "location"),
    [
        ({"as": "ie11", "next": "/product/rain-ink"}, "/product/rain-ink?as=ie11"),
        ({"as": "ie6", "next": "/"}, "/?as=ie6"),
        ({"as": "", "next": "/how-it-works"}, "/how-it-works"),
        ({"as": "netscape4", "next": "/how-it-works?as=ie11"}, "/how-it-works"),
        ({"as": "ie11", "next": "https://evil.example/"}, "/?as=ie11"),
    ],
)
def test_switching_visitor_forgets_the_close_cookie(client_for, query, location):
    response = client_for().get("/_demo/switch", params=query)
    assert response.status_code == 303
    assert response.headers["location"] == location
    assert response.headers["set-cookie"].startswith("jreject_closed=; Max-Age=0; Path=/")


def test_the_switcher_form_goes_through_the_switch_endpoint(client_for):
    body = client_for().get("/product/rain-ink?as=ie11").text
    assert '<form class="switcher" method="get" action="/_demo/switch">' in body
    assert '<input type="hidden" name="next" value="/product/rain-ink">' in body


def test_a_bad_action_is_refused_with_the_choices():
    with pytest.raises(ValueError, match=r"modal, banner, block, log.*'warn'"):
        demo_policy("warn")


def test_pages_are_never_cached(client_for):
    assert client_for().get("/?as=chrome").headers["cache-control"] == "no-store"


def test_closing_the_notice_returns_to_the_same_visitor_and_page(client_for):
    client = client_for()
    page = client.get("/product/rain-ink?as=ie11").text
    close = unescape(re.search(r'class="jreject-close" href="([^"]+)"', page).group(1))
    response = client.get(close)
    assert response.status_code == 303
    assert response.headers["location"] == "/product/rain-ink?as=ie11"
    cookie = response.headers["set-cookie"].split(";")[0]
    again = client.get(
        "/product/rain-ink?as=ie11", headers={"Cookie": cookie, "User-Agent": REAL_BROWSER}
    )
    assert shown(again) == "allow"
    assert "Dry run" not in again.text


def test_under_a_sub_path_every_link_and_endpoint_keeps_the_prefix():
    from wsgiref.util import setup_testing_defaults

    app = create_wsgi_app()

    def get(path, query):
        environ = {"SCRIPT_NAME": "/shop", "PATH_INFO": path, "QUERY_STRING": query}
        setup_testing_defaults(environ)
        seen = {}
        body = b"".join(app(environ, lambda status, headers, exc=None: seen.update(h=headers)))
        return dict(seen["h"]), body.decode()

    _, body = get("/", "as=ie11")
    urls = re.findall(r'(?:href|action)="(/[^"]*)"', body)
    assert urls
    assert all(u.startswith("/shop/") for u in urls), urls
    headers, _ = get("/_demo/switch", "as=ie6&next=/how-it-works")
    assert headers["Location"] == "/shop/how-it-works?as=ie6"
    assert "Path=/shop;" in headers["Set-Cookie"]


def test_switching_back_to_a_non_ascii_path_stays_a_valid_header(client_for):
    response = client_for().get("/_demo/switch", params={"as": "ie11", "next": "/caf\u00e9/\u20ac"})
    assert response.headers["location"] == "/caf%C3%A9/%E2%82%AC?as=ie11"
