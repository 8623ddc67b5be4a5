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

from .conftest import CHROME_IOS15, FIREFOX_WIN10, IE11_WIN7

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
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10))))
    dialog = page.locator("#jreject")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.className") == "jreject-box"
    # The centre of the screen is the dialog, not the page underneath.
    assert page.evaluate(
        "!!document.elementFromPoint(innerWidth / 2, innerHeight / 2).closest('#jreject')"
    )
    screenshot(page, "modal")


def test_tab_stays_inside_the_modal(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10))))
    links = page.locator("#jreject a").count()
    assert links == 5  # four browsers (no Safari on Windows) and the close link
    for _ in range(links + 2):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('#jreject')")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("!!document.activeElement.closest('#jreject')")


def test_escape_closes_the_modal_sets_the_cookie_and_gives_focus_back(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10))))
    page.keyboard.press("Escape")
    assert page.locator("#jreject").is_hidden()
    assert page.evaluate("document.activeElement.id") == "search"
    page.wait_for_function("document.cookie.indexOf('jreject_closed=1') !== -1")
    assert serve.visits[0]["x-requested-with"] == "XMLHttpRequest"
    assert page.url == ORIGIN + "/shop"


def test_close_link_closes_in_place_with_javascript(serve, notice, make_request):
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10, close_url=CLOSE))))
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
            html = Notice().fragment(make_request(FIREFOX_WIN10, close_url=CLOSE))
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
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10))))
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
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10, "banner"))))
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


# The banner fits the page: it never covers the host page's own header.

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def sample_page(fragment: bytes) -> bytes:
    from jreject.cli.preview import SAMPLE_PAGE

    head, _, tail = SAMPLE_PAGE.rpartition("</body>")
    return (head + fragment.decode() + "</body>" + tail).encode()


def open_sized(browser, body: bytes, viewport, *, javascript: bool = True):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
    context.route(
        ORIGIN + "/**",
        lambda route, request: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body=body
        ),
    )
    page = context.new_page()
    page.goto(ORIGIN + "/shop")
    return context, page


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_top_banner_pushes_the_page_down(browser, make_request, size, viewport):
    body = sample_page(Notice().fragment(make_request(FIREFOX_WIN10, "banner")))
    context, page = open_sized(browser, body, viewport)
    banner = page.locator("#jreject").bounding_box()
    top_bar = page.locator(".top").bounding_box()
    assert banner["y"] == 0
    # The page's own header starts where the banner ends: nothing is hidden under it.
    assert abs(top_bar["y"] - (banner["y"] + banner["height"])) < 1
    assert page.evaluate("document.body.firstElementChild.id") == "jreject"
    # Compact on phones: two lines of 14 px type, not four.
    assert banner["height"] < (64 if size == "phone" else 60), banner
    if size == "phone":
        assert page.locator(".jreject-banner-long").is_hidden()
        assert page.locator(".jreject-banner-short").is_visible()
    screenshot(page, f"banner-top-{size}")
    context.close()


@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_the_bottom_banner_stays_at_the_bottom_of_the_window(browser, make_request, size, viewport):
    notice = Notice(banner_position="bottom")
    body = sample_page(notice.fragment(make_request(FIREFOX_WIN10, "banner")))
    context, page = open_sized(browser, body, viewport)
    banner = page.locator("#jreject").bounding_box()
    assert abs(banner["y"] + banner["height"] - viewport["height"]) < 1
    assert page.locator(".top").bounding_box()["y"] == 0
    # The body has room below, so the end of the page can scroll out from under it.
    padding = page.evaluate("parseFloat(getComputedStyle(document.body).paddingBottom)")
    assert abs(padding - banner["height"]) < 1
    screenshot(page, f"banner-bottom-{size}")
    context.close()


GRID_PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Admin</title>
<style>body{{margin:0;display:{layout}}} nav{{width:220px;flex:none;background:#234;color:#fff}}
main{{padding:10px}}</style></head><body><nav class="side">Menu</nav><main class="main">Orders
</main>{notice}</body></html>"""


@pytest.mark.parametrize("layout", ["grid;grid-template-columns:220px 1fr", "flex"])
def test_the_top_banner_leaves_a_grid_or_flex_row_body_laid_out(browser, make_request, layout):
    fragment = Notice().fragment(make_request(FIREFOX_WIN10, "banner")).decode()
    body = GRID_PAGE.format(layout=layout, notice=fragment).encode()
    context, page = open_sized(browser, body, DESKTOP)
    banner = page.locator("#jreject").bounding_box()
    side = page.locator(".side").bounding_box()
    assert (banner["y"], banner["width"]) == (0, DESKTOP["width"])
    # The banner takes no cell of the layout: the sidebar keeps its column, below it.
    assert (side["x"], side["width"]) == (0, 220)
    assert abs(side["y"] - banner["height"]) < 1
    assert page.locator(".main").bounding_box()["x"] == 220
    screenshot(page, f"banner-top-{layout.split(';')[0]}-body")
    page.locator("#jreject a.jreject-close").click()
    assert page.evaluate("getComputedStyle(document.body).paddingTop") == "0px"
    context.close()


@pytest.mark.parametrize("action", ["modal", "banner"])
def test_a_transformed_body_keeps_the_notice_on_the_window(browser, make_request, action):
    # A GPU hint many sites set: fixed elements inside a transformed body follow the body.
    notice = Notice(banner_position="bottom")
    fragment = notice.fragment(make_request(FIREFOX_WIN10, action)).decode()
    body = HOST.format(notice=fragment).replace("<body>", '<body style="transform:translateZ(0)">')
    body = body.replace("<main>", "<main style='height:3000px'>")
    context, page = open_sized(browser, body.encode(), DESKTOP)
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(100)
    box = page.locator("#jreject .jreject-box" if action == "modal" else "#jreject").bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"]
    assert box["y"] + box["height"] <= DESKTOP["height"] + 1
    screenshot(page, f"{action}-transformed-body")
    context.close()


@pytest.mark.parametrize("width", [328, 480, 1036])
def test_a_long_close_link_never_covers_the_banner_text(browser, make_request, width):
    notice = Notice.from_config({"texts": {"banner_close": "Sembunyikan pemberitahuan"}})
    body = sample_page(notice.fragment(make_request(FIREFOX_WIN10, "banner")))
    context, page = open_sized(browser, body, {"width": width, "height": 700})
    text = page.locator("#jreject .jreject-banner-text").bounding_box()
    close = page.locator("#jreject a.jreject-banner-close").bounding_box()
    assert text["x"] + text["width"] <= close["x"]
    screenshot(page, f"banner-long-close-{width}")
    context.close()


def test_without_javascript_the_top_banner_never_covers_the_header(browser, make_request):
    body = sample_page(Notice().fragment(make_request(FIREFOX_WIN10, "banner")))
    context, page = open_sized(browser, body, PHONE, javascript=False)
    banner = page.locator("#jreject").bounding_box()
    assert page.locator(".top").bounding_box()["y"] == 0
    assert abs(banner["y"] + banner["height"] - PHONE["height"]) < 1
    screenshot(page, "banner-top-no-js-phone")
    context.close()


# Advice the visitor can follow, and whose site this is.


def test_chrome_on_ios_is_told_to_update_ios(browser, make_request):
    body = sample_page(Notice().fragment(make_request(CHROME_IOS15)))
    context, page = open_sized(browser, body, PHONE)
    text = page.locator("#jreject .jreject-box").inner_text()
    assert "You are using Chrome (iOS 15.8)." in text
    assert "Please update iOS in Settings, General, Software Update." in text
    assert page.locator("#jreject .jreject-browser").count() == 0
    screenshot(page, "modal-ios-update")
    context.close()


def test_modal_icons_are_drawn(browser, make_request):
    body = sample_page(Notice().fragment(make_request(FIREFOX_WIN10)))
    context, page = open_sized(browser, body, DESKTOP)
    icons = page.locator("#jreject svg.jreject-icon")
    assert icons.count() == 4
    for index in range(4):
        box = icons.nth(index).bounding_box()
        assert (box["width"], box["height"]) == (40, 40)
    screenshot(page, "modal-icons")
    context.close()


def test_the_406_page_names_the_site_and_offers_its_contact(browser, make_request):
    logo = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32">'
        b'<rect width="32" height="32" rx="6" fill="#234"/></svg>'
    )
    notice = Notice(site_name="Example Shop", logo_url="/logo.svg", contact_url="/contact")
    html = notice.block_page(make_request(IE11_WIN7, "block", continue_url="/go"))
    context = browser.new_context(viewport=DESKTOP)

    def handle(route, request):
        if request.url.endswith("/logo.svg"):
            route.fulfill(status=200, content_type="image/svg+xml", body=logo)
        else:
            route.fulfill(status=406, content_type="text/html; charset=utf-8", body=html)

    context.route(ORIGIN + "/**", handle)
    page = context.new_page()
    page.goto(ORIGIN + "/shop")
    assert page.title() == "Example Shop: Your browser is not supported"
    assert page.locator(".jreject-site-name").inner_text() == "Example Shop"
    assert page.locator("img.jreject-logo").evaluate("img => img.naturalWidth") == 32
    assert "too old for this site" in page.locator(".jreject-box").inner_text()
    assert page.locator("a.jreject-contact").get_attribute("href") == "/contact"
    assert axe_serious(page, context="html") == []
    screenshot(page, "block-site")
    context.close()


@pytest.mark.parametrize("action", ["modal", "banner"])
def test_axe_finds_no_serious_issue_in_the_fragment(serve, notice, make_request, action):
    page = serve(host_page(notice.fragment(make_request(FIREFOX_WIN10, action))))
    assert axe_serious(page) == []


def test_axe_finds_no_serious_issue_in_the_block_page(serve, notice, make_request):
    client = Client(browser="chrome", browser_name="Chrome", version=(90,), os="mac")
    page = serve(notice.block_page(make_request(client, "block", continue_url="/go")))
    assert page.locator("h1").inner_text() == "Your browser is not supported"
    assert axe_serious(page, context="html") == []
    screenshot(page, "block")


# A host page may have an element of its own with id="jreject" (a widget, an old
# plugin's box) before the notice: it keeps its own look, and the script binds to the
# notice, not to it.

OWN_ID = '<div id="jreject" class="widget">Host widget</div>'


def own_id_page(fragment: bytes) -> bytes:
    return host_page(fragment).replace(b"<body>", b"<body>" + OWN_ID.encode(), 1)


def host_widget_style(page) -> list[str]:
    return page.locator("div#jreject.widget").evaluate(
        "e => { const s = getComputedStyle(e); return [s.position, s.zIndex, s.fontFamily]; }"
    )


def test_a_host_element_with_our_id_keeps_its_style_and_the_modal_still_works(
    serve, notice, make_request
):
    page = serve(own_id_page(notice.fragment(make_request(FIREFOX_WIN10))))
    assert host_widget_style(page) == ["static", "auto", "Georgia, serif"]
    assert page.locator("#jreject.jreject").get_attribute("data-jreject-ready") == "1"
    assert page.evaluate("document.activeElement.className") == "jreject-box"
    for _ in range(7):
        page.keyboard.press("Tab")
        assert page.evaluate("!!document.activeElement.closest('.jreject-modal')")
    page.keyboard.press("Escape")
    assert page.locator("#jreject.jreject").is_hidden()
    assert page.locator("div#jreject.widget").is_visible()
    assert page.evaluate("document.activeElement.id") == "search"


def test_a_host_element_with_our_id_keeps_its_style_and_the_banner_still_works(
    serve, notice, make_request
):
    page = serve(own_id_page(notice.fragment(make_request(FIREFOX_WIN10, "banner"))))
    assert host_widget_style(page) == ["static", "auto", "Georgia, serif"]
    # Moved to the start of the page, above the host's widget.
    assert page.evaluate("document.body.firstElementChild.className").endswith(
        "jreject-banner-inline"
    )
    page.locator("#jreject.jreject a.jreject-close").click()
    assert page.locator("#jreject.jreject").is_hidden()
    assert page.url == ORIGIN + "/shop"


def test_the_service_script_shows_the_notice_beside_a_host_element_with_our_id(
    serve, notice, make_request
):
    from jreject.notice.script import notice_script

    script = notice_script(notice.fragment(make_request(FIREFOX_WIN10))).decode()
    page = serve(own_id_page(b"<script>" + script.encode() + b"</script>"))
    assert page.locator("#jreject.jreject").is_visible()
    assert page.locator("#jreject.jreject").get_attribute("data-jreject-ready") == "1"
    assert host_widget_style(page) == ["static", "auto", "Georgia, serif"]


# Host rules for elements (and universal resets) must not hide, move or collapse the
# notice: each of its elements sets what such rules change, with an id in its selector.

HOSTILE_RULES = {
    "div-none": "div{display:none}",
    "div-empty": "div:empty{display:none}",
    "all-unset": "*{all:unset} head,style,script,title{display:none}",
    "div-offscreen": "div{position:absolute;left:-9999px;top:-9999px;width:10px}",
    "text-hidden": "p,h2,span,a{visibility:hidden;font-size:0;line-height:0}",
    "links-inert": "a{pointer-events:none;cursor:default} *:focus{outline:none!important}",
    "huge-icons": "svg,img{width:100%!important;height:auto!important} svg *{fill:#000}",
}
MODAL_LAYOUT = """() => {
    const rect = (e) => { const r = e.getBoundingClientRect();
        return [r.left, r.top, r.width, r.height].map(Math.round); };
    const hit = (e) => { const r = e.getBoundingClientRect();
        const found = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !!found && (found === e || e.contains(found)); };
    const root = document.querySelector('#jreject.jreject');
    const box = root.querySelector('.jreject-box');
    const title = getComputedStyle(root.querySelector('.jreject-title'));
    const icons = Array.from(root.querySelectorAll('svg.jreject-icon'));
    return {
        box: rect(box), backdrop: rect(root.querySelector('.jreject-backdrop')),
        title: [title.display, title.visibility, title.fontSize],
        closeClickable: hit(root.querySelector('a.jreject-close')),
        linksClickable: Array.from(root.querySelectorAll('a')).every(hit),
        backdropAtCorner: document.elementFromPoint(3, innerHeight - 3).className,
        icons: icons.map(rect).map(r => r.slice(2)),
        iconShapes: icons.every(i => i.querySelector('circle, ellipse').getBBox().width > 20),
    };
}"""


def with_host_rules(html: bytes, rules: str) -> bytes:
    return html.replace(b"</head>", b"<style>" + rules.encode() + b"</style></head>", 1)


@pytest.mark.parametrize("rules", HOSTILE_RULES.values(), ids=HOSTILE_RULES)
def test_host_element_rules_leave_the_modal_whole(browser, make_request, rules):
    body = with_host_rules(host_page(Notice().fragment(make_request(FIREFOX_WIN10))), rules)
    context, page = open_sized(browser, body, DESKTOP)
    layout = page.evaluate(MODAL_LAYOUT)
    left, top, width, height = layout["box"]
    assert (left, width) == ((DESKTOP["width"] - 608) // 2, 608), layout
    assert 0 < top < 200, layout
    assert 300 < height < 600, layout
    assert layout["backdrop"] == [0, 0, DESKTOP["width"], DESKTOP["height"]], layout
    assert layout["backdropAtCorner"] == "jreject-backdrop", layout
    assert layout["title"] == ["block", "visible", "24px"], layout
    assert layout["closeClickable"], layout
    assert layout["linksClickable"], layout
    assert layout["icons"] == [[40, 40]] * 4, layout
    assert layout["iconShapes"], layout
    # The focus ring shows whatever the page does to outlines.
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert outline == "3px"
    screenshot(page, f"modal-host-rules-{rules.split('{')[0].replace(',', '-')}")
    page.locator("#jreject.jreject a.jreject-close").click()
    assert page.locator("#jreject.jreject").is_hidden()
    context.close()


@pytest.mark.parametrize("rules", ["all-unset", "div-none", "text-hidden", "links-inert"])
def test_host_element_rules_leave_the_banner_whole(browser, make_request, rules):
    fragment = Notice().fragment(make_request(FIREFOX_WIN10, "banner"))
    body = with_host_rules(host_page(fragment), HOSTILE_RULES[rules])
    context, page = open_sized(browser, body, DESKTOP)
    banner = page.locator("#jreject.jreject").bounding_box()
    text = page.locator("#jreject.jreject .jreject-banner-text")
    assert (banner["y"], banner["width"]) == (0, DESKTOP["width"]), banner
    assert 30 < banner["height"] < 60, banner
    assert text.evaluate("e => getComputedStyle(e).fontSize") == "15px"
    assert text.locator("a").first.evaluate(
        "a => { const r = a.getBoundingClientRect();"
        " return document.elementFromPoint(r.left + 2, r.top + r.height / 2) === a; }"
    )
    screenshot(page, f"banner-host-rules-{rules}")
    page.locator("#jreject.jreject a.jreject-close").click()
    assert page.locator("#jreject.jreject").is_hidden()
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_dialog_the_page_hides_leaves_no_layer_over_it(browser, make_request, javascript):
    # Nothing of ours can win against !important: then the page must stay usable.
    fragment = Notice().fragment(make_request(FIREFOX_WIN10))
    body = with_host_rules(host_page(fragment), "div div{display:none!important}")
    context, page = open_sized(browser, body, DESKTOP, javascript=javascript)
    assert page.locator("#jreject.jreject .jreject-box").is_hidden()
    cart = page.locator("main a")
    assert cart.evaluate(
        "a => { const r = a.getBoundingClientRect();"
        " return document.elementFromPoint(r.left + 5, r.top + r.height / 2) === a; }"
    )
    context.close()


# The visitor's own text size (a browser setting: Chrome's "Very large" is 24 px) is the
# notice's too, whatever size the host page gives its root; the 406 page follows it too.


def open_large_text(browser, body: bytes, *, status: int = 200):
    context = browser.new_context(viewport=DESKTOP)
    context.route(
        ORIGIN + "/**",
        lambda route, request: route.fulfill(
            status=status, content_type="text/html; charset=utf-8", body=body
        ),
    )
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24}})
    page.goto(ORIGIN + "/shop")
    return context, page


def font_sizes(page, *selectors: str) -> list[str]:
    return [
        page.locator(f"#jreject.jreject {s}").first.evaluate("e => getComputedStyle(e).fontSize")
        for s in selectors
    ]


def test_the_modal_follows_the_visitors_text_size_not_the_pages(browser, make_request):
    fragment = Notice().fragment(make_request(FIREFOX_WIN10))
    body = with_host_rules(host_page(fragment), "html{font-size:62.5%} body{font-size:1.6rem}")
    context, page = open_large_text(browser, body)
    sizes = font_sizes(page, ".jreject-title", ".jreject-text", ".jreject-close-message")
    assert sizes == ["36px", "24px", "21px"]
    # The dialog widens with its text (34em, and its padding), up to the window.
    assert page.locator("#jreject.jreject .jreject-box").bounding_box()["width"] == 912
    screenshot(page, "modal-large-text")
    context.close()


def test_the_banner_follows_the_visitors_text_size(browser, make_request):
    fragment = Notice().fragment(make_request(FIREFOX_WIN10, "banner"))
    body = with_host_rules(host_page(fragment), "html{font-size:10px}")
    context, page = open_large_text(browser, body)
    assert font_sizes(page, ".jreject-banner-text", "a.jreject-banner-close") == [
        "22.5px",
        "22.5px",
    ]
    text = page.locator("#jreject.jreject .jreject-banner-text").bounding_box()
    close = page.locator("#jreject.jreject a.jreject-banner-close").bounding_box()
    assert text["x"] + text["width"] <= close["x"]
    screenshot(page, "banner-large-text")
    context.close()


def test_the_406_page_follows_the_visitors_text_size(browser, make_request):
    notice = Notice(site_name="Example Shop")
    html = notice.block_page(make_request(FIREFOX_WIN10, "block", continue_url="/go"))
    context, page = open_large_text(browser, html, status=406)
    sizes = font_sizes(page, ".jreject-title", ".jreject-text", ".jreject-site-name")
    assert sizes == ["36px", "24px", "27px"]
    screenshot(page, "block-large-text")
    context.close()


# Without scripts the banner is fixed at the bottom of the window (both positions): the
# end of the page must still scroll out from under it, as it does with the script.


@pytest.mark.parametrize("position", ["top", "bottom"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_without_javascript_the_end_of_the_page_scrolls_out_from_under_the_banner(
    browser, make_request, position, size, viewport
):
    fragment = Notice(banner_position=position).fragment(make_request(FIREFOX_WIN10, "banner"))
    body = host_page(fragment).replace(b"<main>", b'<main style="min-height:1500px">', 1)
    body = body.replace(b"</main>", b'</main><footer id="foot">The end of the page</footer>', 1)
    context, page = open_sized(browser, body, viewport, javascript=False)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    banner = page.locator("#jreject.jreject").bounding_box()
    footer = page.locator("#foot").bounding_box()
    assert abs(banner["y"] + banner["height"] - viewport["height"]) < 1
    assert footer["y"] + footer["height"] <= banner["y"] + 0.5, (footer, banner)
    screenshot(page, f"banner-{position}-no-js-end-of-page-{size}")
    context.close()


@pytest.mark.parametrize("position", ["top", "bottom"])
def test_with_javascript_the_banner_makes_its_room_alone(browser, make_request, position):
    fragment = Notice(banner_position=position).fragment(make_request(FIREFOX_WIN10, "banner"))
    context, page = open_sized(browser, sample_page(fragment), PHONE)
    assert page.locator(".jreject-banner-room").count() == 0
    # The room the script makes: the body's padding for a fixed bar, none for one in flow.
    padding = page.evaluate("parseFloat(getComputedStyle(document.body).paddingBottom)")
    height = page.locator("#jreject.jreject").bounding_box()["height"]
    assert abs(padding - (height if position == "bottom" else 0)) < 1
    context.close()


@pytest.mark.parametrize("language", ["en", "ar", "ja"])
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_without_javascript_the_room_is_as_tall_as_the_banner(
    browser, make_request, language, size, viewport
):
    # HOST's own rules for p and div (margins, padding, borders) reach neither.
    request = make_request(FIREFOX_WIN10, "banner", language=language)
    context, page = open_sized(
        browser, host_page(Notice().fragment(request)), viewport, javascript=False
    )
    banner = page.locator("#jreject.jreject").bounding_box()
    room = page.locator(".jreject-banner-room").bounding_box()
    assert abs(room["height"] - banner["height"]) < 0.5, (room, banner)
    assert (
        page.locator(".jreject-banner-room").evaluate("e => getComputedStyle(e).visibility")
        == "hidden"
    )
    context.close()


@pytest.mark.parametrize(
    "layout", ["flex", "grid;grid-template-columns:220px 1fr", "flex;flex-direction:column"]
)
def test_without_javascript_the_room_leaves_a_grid_or_flex_body_laid_out(
    browser, make_request, layout
):
    fragment = Notice().fragment(make_request(FIREFOX_WIN10, "banner")).decode()
    body = GRID_PAGE.format(layout=layout, notice=fragment)
    body = body.replace("main{padding:10px}", "main{padding:10px;flex:1}")
    context, page = open_sized(browser, body.encode(), DESKTOP, javascript=False)
    main = page.locator(".main").bounding_box()
    room = page.locator(".jreject-banner-room").bounding_box()
    banner = page.locator("#jreject.jreject").bounding_box()
    if "direction:column" in layout:
        assert main["width"] == DESKTOP["width"]
    else:
        # Beside the sidebar, the main column keeps the rest of the width.
        assert (main["x"], main["width"]) == (220, DESKTOP["width"] - 220)
    if layout == "flex":
        assert room["width"] == 0  # a row: room for nothing, and no width taken
    else:
        assert room["width"] == DESKTOP["width"]
        assert abs(room["height"] - banner["height"]) < 0.5, (room, banner)
    context.close()
