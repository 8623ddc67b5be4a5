"""The notice in a real browser (Debian's Chromium through Playwright), no server needed.

Pages are served by Playwright's router from memory, on a made-up origin; the close
URL answers like the middleware would. Skipped when Chromium is missing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jreject.detect.client import Client
from jreject.notice import Notice

from .conftest import IE11_WIN7, SAFARI_IOS

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("CHROMIUM_PATH") or "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost"]
ORIGIN = "http://shop.test"
CLOSE = "/_jreject/close?next=%2Fshop"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "notice"
# A host page that does what real pages do to links, lists and headings, and focuses
# its search box before the notice arrives, so focus return can be checked.
HOST = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>
<style>body{{font:20px Georgia,serif;margin:0}} header{{background:#234;color:#fff;padding:20px}}
a{{color:red;font-size:30px}} ul li{{list-style:square;float:left}} h2{{color:green;font-size:50px}}
p{{margin:40px}} div{{padding:10px;border:1px dotted #999}}</style></head><body>
<header><h1>Example shop</h1><label>Search <input id="search"></label></header>
<main><p>Products, prices and more. <a href="/shop/cart">Cart</a></p></main>
<script>document.getElementById("search").focus();</script>
{notice}</body></html>"""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url():
    # Replaces pytest-playwright's own, which pytest 9 warns about (warnings are errors).
    return ORIGIN


@pytest.fixture
def serve(context, make_request):
    """Route ORIGIN to an in-memory site and record the close URL's visits."""
    visits: list[dict[str, str]] = []

    def open_page(body: bytes, *, path: str = "/shop"):
        def handle(route, request):
            if request.url.startswith(ORIGIN + "/_jreject/close"):
                visits.append(request.headers)
                route.fulfill(status=204, headers={"Set-Cookie": "jreject_closed=1; Path=/"})
            elif request.url == ORIGIN + path:
                route.fulfill(status=200, content_type="text/html; charset=utf-8", body=body)
            else:
                route.fulfill(status=404, body="")

        context.route(ORIGIN + "/**", handle)
        page = context.new_page()
        page.goto(ORIGIN + path)
        return page

    open_page.visits = visits
    return open_page


def host_page(fragment: bytes) -> bytes:
    return HOST.format(notice=fragment.decode()).encode()


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", animations="disabled", caret="hide")


def axe_serious(page, context: str = "#jreject") -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    result = Axe().run(page, context=context)
    return [
        f"{v['id']}: {v['help']}"
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.fixture
def notice():
    return Notice()


def test_modal_covers_the_page_and_takes_focus(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(SAFARI_IOS))))
    dialog = page.locator("#jreject")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.className") == "jreject-box"
    # The centre of the screen is the dialog, not the page underneath.
    assert page.evaluate(
        "!!document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('#jreject')"
    )
    screenshot(page, "modal")


def test_tab_stays_inside_the_modal(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(SAFARI_IOS))))
    links = page.locator("#jreject a").count()
    assert links == 6  # five browsers and the close link
    for _ in range(links + 2):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#jreject')")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!!document.activeElement.closest('#jreject')")


def test_escape_closes_the_modal_sets_the_cookie_and_gives_focus_back(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(SAFARI_IOS))))
    page.keyboard.press("Escape")
    assert page.locator("#jreject").is_hidden()
    assert page.evaluate("document.activeElement.id") == "search"
    page.wait_for_function("document.cookie.indexOf('jreject_closed=1') !== -1")
    assert serve.visits[0]["x-requested-with"] == "XMLHttpRequest"
    assert page.url == ORIGIN + "/shop"


def test_close_link_closes_in_place_with_javascript(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(SAFARI_IOS, close_url=CLOSE))))
    page.locator("#jreject a.jreject-close").click()
    assert page.locator("#jreject").is_hidden()
    assert page.url == ORIGIN + "/shop"
    page.wait_for_function("document.cookie.indexOf('jreject_closed=1') !== -1")


def test_modal_shows_and_close_link_navigates_without_javascript(browser, make_request):
    context = browser.new_context(java_script_enabled=False)
    requested: list[str] = []

    def handle(route, request):
        requested.append(request.url)
        if request.url.startswith(ORIGIN + "/_jreject/close"):
            route.fulfill(status=303, headers={"Location": "/shop?closed"})
        else:
            html = Notice().fragment(make_request(SAFARI_IOS, close_url=CLOSE))
            route.fulfill(status=200, content_type="text/html", body=host_page(html))

    context.route(ORIGIN + "/**", handle)
    page = context.new_page()
    page.goto(ORIGIN + "/shop")
    dialog = page.locator("#jreject")
    assert dialog.is_visible()
    box = page.locator("#jreject .jreject-box").bounding_box()
    assert box["width"] > 400
    assert box["y"] < 200
    screenshot(page, "modal-no-js")
    page.locator("#jreject a.jreject-close").click()
    page.wait_for_url(ORIGIN + "/shop?closed")
    assert requested[1] == ORIGIN + CLOSE
    context.close()


def test_host_page_styles_do_not_change_the_notice(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(SAFARI_IOS))))
    style = page.evaluate(
        """() => {
        const title = getComputedStyle(document.querySelector('#jreject-title'));
        const link = getComputedStyle(document.querySelector('#jreject .jreject-close'));
        const item = getComputedStyle(document.querySelector('#jreject .jreject-browser'));
        const div = getComputedStyle(document.querySelector('#jreject .jreject-box'));
        return [title.color, title.fontSize, link.color, item.cssFloat, item.listStyleType,
                div.borderLeftStyle];
    }"""
    )
    assert style == ["rgb(31, 35, 40)", "24px", "rgb(11, 87, 208)", "none", "none", "none"]


def test_banner_sits_at_the_top_and_dismisses(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(IE11_WIN7, "banner"))))
    banner = page.locator("#jreject")
    box = banner.bounding_box()
    assert box["y"] == 0
    assert box["height"] < 80
    assert box["width"] == page.viewport_size["width"]
    screenshot(page, "banner")
    page.locator("#jreject a.jreject-close").click()
    assert banner.is_hidden()
    # A banner does not steal focus.
    assert page.evaluate("document.activeElement.id") == "search"


@pytest.mark.parametrize("action", ["modal", "banner"])
def test_axe_finds_no_serious_issue_in_the_fragment(serve, notice, make_request, action):
    page = serve(host_page(notice.fragment(make_request(SAFARI_IOS, action))))
    assert axe_serious(page) == []


def test_axe_finds_no_serious_issue_in_the_block_page(serve, notice, make_request):
    client = Client(browser="chrome", browser_name="Chrome", version=(90,), os="mac")
    page = serve(notice.block_page(make_request(client, "block", continue_url="/go")))
    assert page.locator("h1").inner_text() == "Your browser is not supported"
    assert axe_serious(page, context="html") == []
    screenshot(page, "block")
