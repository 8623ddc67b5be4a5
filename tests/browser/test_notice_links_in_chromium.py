"""jreject's own links in a host page that moves relative links (``<base target>``), and
the close endpoint as the notice's script calls it, in Chromium.

The middleware runs for real (JRejectASGI under uvicorn, on loopback); the visitor is
the demo's Internet Explorer 11, which the policy here warns.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from browser.conftest import _serve_uvicorn
from jreject.middleware import JRejectASGI
from jreject.policy import RejectRules

pytestmark = pytest.mark.browser


def page(head: str = "") -> bytes:
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Shop</title>"
        f"{head}</head><body><h1>Shop</h1><p>Boards and wax.</p></body></html>"
    ).encode()


def pages(routes: dict[str, bytes]):
    """An ASGI app answering each path below its mount point with its page."""

    async def app(scope, receive, send):
        assert scope["type"] == "http"
        root = scope.get("root_path", "")
        path = scope["path"][len(root) :] if scope["path"].startswith(root) else scope["path"]
        body = routes.get(path or "/")
        status = 200 if body is not None else 404
        headers = [(b"content-type", b"text/html; charset=utf-8")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body or b""})

    return app


def warned(app, **options):
    return JRejectASGI(app, policy=RejectRules({"msie": True}, action="modal"), **options)


@pytest.fixture(scope="module")
def shop():
    url, stop = _serve_uvicorn(warned(pages({"/": page(), "/blank": page("<base target=_blank>")})))
    yield url
    stop()


def test_without_javascript_close_stays_in_the_window_whatever_base_target_says(open_as, shop):
    tab = open_as("ie11", javascript=False)
    tab.goto(shop + "/blank?x=1")
    expect(tab.locator("#jreject")).to_be_visible()
    tab.click("#jreject .jreject-close")
    tab.wait_for_load_state()
    # Back on the page, in the same tab, with the cookie: the notice is gone.
    assert tab.url == shop + "/blank?x=1"
    assert tab.context.pages == [tab]
    assert tab.locator("#jreject").count() == 0
    assert "jreject_closed" in [c["name"] for c in tab.context.cookies()]


def test_the_scripts_close_request_gets_204_and_fetches_no_page(open_as, shop):
    tab = open_as("ie11")
    tab.goto(shop + "/?x=1")
    seen = []
    tab.on("response", lambda r: seen.append((r.url[len(shop) :], r.status)))
    tab.click("#jreject .jreject-close")
    expect(tab.locator("#jreject")).to_be_hidden()
    tab.wait_for_timeout(300)
    # One background request: the cookie, and no redirect to the page rendered again.
    assert seen == [("/_jreject/close?next=%2F%3Fx%3D1", 204)]
    assert "jreject_closed" in [c["name"] for c in tab.context.cookies()]
    tab.goto(shop + "/?x=1")
    assert tab.locator("#jreject").count() == 0


# -- a <base href> to another origin -----------------------------------------------------


class Later:
    """An ASGI app given once the server's address is known (for an ``origin`` setting)."""

    app = None

    async def __call__(self, scope, receive, send):
        await self.app(scope, receive, send)


@pytest.fixture(scope="module")
def elsewhere():
    """Another origin for the page's <base href>: localhost is not 127.0.0.1."""
    url, stop = _serve_uvicorn(pages({"/": b"<!DOCTYPE html><p>OTHER ORIGIN</p>"}))
    yield url.replace("127.0.0.1", "localhost") + "/cdn/"
    stop()


@pytest.fixture(scope="module", params=["configured", "host"])
def based(request, elsewhere):
    """The shop, its pages under a <base href> elsewhere, with ``origin`` set; static assets."""
    from jreject.notice import Notice

    later = Later()
    url, stop = _serve_uvicorn(later)
    origin = url if request.param == "configured" else "host"
    routes = {"/page": page(f"<base href='{elsewhere}'>")}
    later.app = warned(pages(routes), origin=origin, notice=Notice(assets="static"))
    yield url
    stop()


def test_without_javascript_close_comes_back_under_a_base_href_elsewhere(open_as, based):
    tab = open_as("ie11", javascript=False)
    tab.goto(based + "/page?x=1")
    tab.click("#jreject .jreject-close")
    tab.wait_for_load_state()
    assert tab.url == based + "/page?x=1"
    assert tab.locator("#jreject").count() == 0
    assert "jreject_closed" in [c["name"] for c in tab.context.cookies(based)]


def test_with_javascript_close_sets_the_cookie_under_a_base_href_elsewhere(open_as, based):
    tab = open_as("ie11")
    seen = []
    tab.on("response", lambda r: seen.append((r.url, r.status)))
    tab.goto(based + "/page?x=1")
    # The static CSS and script came from the shop, not from the <base>'s origin.
    notice = tab.locator("#jreject")
    expect(notice).to_have_attribute("data-jreject-ready", "1")
    assert notice.evaluate("e => getComputedStyle(e).position") == "fixed"
    assert all(url.startswith(based) for url, _ in seen), seen
    seen.clear()
    tab.click("#jreject .jreject-close")
    expect(notice).to_be_hidden()
    tab.wait_for_timeout(300)
    assert seen == [(based + "/_jreject/close?next=%2Fpage%3Fx%3D1", 204)]
    tab.goto(based + "/page?x=1")
    assert tab.locator("#jreject").count() == 0


def test_with_javascript_close_sets_the_cookie_under_a_base_href_elsewhere_without_origin(
    open_as, elsewhere
):
    # No origin setting: the links stay root-relative, and the script puts them under the
    # page's own origin rather than the <base>'s.
    url, stop = _serve_uvicorn(warned(pages({"/page": page(f"<base href='{elsewhere}'>")})))
    try:
        tab = open_as("ie11")
        tab.goto(url + "/page?x=1")
        seen = []
        tab.on("response", lambda r: seen.append((r.url, r.status)))
        tab.click("#jreject .jreject-close")
        expect(tab.locator("#jreject")).to_be_hidden()
        tab.wait_for_timeout(300)
        assert seen == [(url + "/_jreject/close?next=%2Fpage%3Fx%3D1", 204)]
        tab.goto(url + "/page?x=1")
        assert tab.locator("#jreject").count() == 0
    finally:
        stop()


# -- an app under a mount point ------------------------------------------------------------


def mounted(app, root):
    async def outer(scope, receive, send):
        if scope["type"] == "http" and scope["path"].startswith(root):
            scope = {**scope, "root_path": root}
        await app(scope, receive, send)

    return outer


def test_static_assets_load_under_the_mount_point(open_as):
    from jreject.notice import Notice

    app = warned(pages({"/": page()}), notice=Notice(assets="static"))
    url, stop = _serve_uvicorn(mounted(app, "/shop"))
    try:
        tab = open_as("ie11")
        statuses = []
        tab.on("response", lambda r: statuses.append((r.url[len(url) :], r.status)))
        tab.goto(url + "/shop/")
        notice = tab.locator("#jreject")
        expect(notice).to_have_attribute("data-jreject-ready", "1")
        assert notice.evaluate("e => getComputedStyle(e).position") == "fixed"
        assets = [(path, status) for path, status in statuses if "/static/" in path]
        assert len(assets) == 2, statuses
        assert all(p.startswith("/shop/_jreject/static/") and s == 200 for p, s in assets)
    finally:
        stop()
