"""The demo in a real Chromium: what each kind of visitor sees and can do."""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

#: axe-core impacts this project does not accept anywhere.
BLOCKING_IMPACTS = {"serious", "critical"}


def shot(page, artifacts, name, *, full_page=True):
    # A fixed overlay only covers the viewport, so the modal is shot without full_page.
    page.screenshot(
        path=artifacts / f"{name}.png", full_page=full_page, animations="disabled", caret="hide"
    )


def assert_accessible(page, name):
    # Never call this on a page with JavaScript disabled: axe.run would never settle.
    violations = Axe().run(page).response["violations"]
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v["impact"] in BLOCKING_IMPACTS
    ]
    assert not bad, f"axe on {name}: " + "; ".join(bad)


def test_rejected_browser_without_client_hints_sees_the_modal(open_as, base_url, artifacts):
    page = open_as("ie11")
    response = page.goto(base_url + "/")
    assert response.status == 200
    assert response.headers["jreject"].startswith("modal")
    dialog = page.locator("#jreject")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("role", "dialog")
    expect(dialog).to_have_attribute("aria-modal", "true")
    expect(page.locator("#jreject-title")).to_be_visible()
    shot(page, artifacts, "modal-ie11", full_page=False)
    assert_accessible(page, "modal")


def test_modal_fits_a_phone_screen(open_as, base_url, artifacts):
    page = open_as(
        "chrome-ios15",
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page.goto(base_url + "/")
    dialog = page.locator("#jreject .jreject-box")
    expect(dialog).to_be_visible()
    box = dialog.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scrolling"
    shot(page, artifacts, "modal-chrome-ios15-phone", full_page=False)
    page.keyboard.press("Escape")
    shot(page, artifacts, "demo-chrome-ios15-phone")


def test_rejected_chromium_with_consistent_client_hints_sees_the_modal(open_as, base_url):
    page = open_as("chrome109-win7")
    response = page.goto(base_url + "/")
    assert page.evaluate("navigator.userAgentData.brands.map(b => b.version)").count("109") == 2
    assert response.headers["jreject"] == 'modal; rule="chrome<120"'
    expect(page.locator("#jreject")).to_be_visible()
    expect(page.locator(".verdict")).to_contain_text("Chrome 109")


@pytest.mark.parametrize("key", ["chrome", "firefox-esr", "googlebot"])
def test_allowed_browsers_see_no_notice(open_as, base_url, key):
    page = open_as(key)
    response = page.goto(base_url + "/")
    assert response.status == 200
    expect(page.locator("h1")).to_have_text("Paper goods for slow afternoons")
    expect(page.locator("#jreject")).to_have_count(0)


def test_close_link_works_without_javascript_and_the_cookie_keeps_it_closed(
    open_as, base_url, artifacts
):
    page = open_as("safari12", javascript=False)
    page.goto(base_url + "/product/rain-ink")
    dialog = page.locator("#jreject")
    expect(dialog).to_be_visible()  # shown by HTML and CSS alone
    shot(page, artifacts, "modal-safari12-no-js", full_page=False)
    page.locator("#jreject a.jreject-close").click()
    expect(page).to_have_url(base_url + "/product/rain-ink")
    expect(page.locator("#jreject")).to_have_count(0)
    assert any(c["name"] == "jreject_closed" for c in page.context.cookies())
    for path in ("/", "/how-it-works", "/product/field-notebook"):
        page.goto(base_url + path)
        expect(page.locator("#jreject")).to_have_count(0)


def test_without_javascript_the_modal_takes_the_focus_first(open_as, base_url):
    # aria-modal: a keyboard user starts in the dialog, not in the dimmed page under it
    # (the dialog comes last in the page; the box's autofocus moves focus there).
    page = open_as("safari12", javascript=False)
    page.goto(base_url + "/product/rain-ink")
    expect(page.locator("#jreject")).to_be_visible()
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "() => document.getElementById('jreject').contains(document.activeElement)"
    )
    assert inside, page.evaluate("() => document.activeElement.outerHTML.slice(0, 80)")


def test_escape_closes_the_modal_and_focus_moves_in_and_back(open_as, base_url):
    page = open_as("ie11")
    page.goto(base_url + "/")
    dialog = page.locator("#jreject")
    expect(dialog).to_be_visible()
    focus_inside = "() => document.getElementById('jreject').contains(document.activeElement)"
    page.wait_for_function(focus_inside)
    # Tab stays inside the dialog.
    for _ in range(12):
        page.keyboard.press("Tab")
        assert page.evaluate(focus_inside)
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert not page.evaluate(focus_inside)
    # Closing in place still remembered the choice (in the background) for the next page.
    page.wait_for_function("() => document.cookie.indexOf('jreject_closed') !== -1")
    page.goto(base_url + "/how-it-works")
    expect(page.locator("#jreject")).to_have_count(0)


def test_banner_for_a_browser_a_few_versions_behind(open_as, base_url, artifacts):
    page = open_as("chrome-behind")
    response = page.goto(base_url + "/")
    assert response.headers["jreject"].startswith("banner")
    banner = page.locator("#jreject")
    expect(banner).to_be_visible()
    assert banner.get_attribute("role") != "dialog"
    box = banner.bounding_box()
    assert box is not None
    assert box["y"] < 5, "the banner sits at the top"
    shot(page, artifacts, "banner-chrome-behind")
    assert_accessible(page, "banner")
    banner.locator("a.jreject-close").click()
    expect(banner).to_be_hidden()


def test_block_page_is_406_noindex_and_accessible(open_as, base_url, artifacts):
    page = open_as("ie6")
    response = page.goto(base_url + "/")
    assert response.status == 406
    assert "noindex" in response.headers["x-robots-tag"]
    assert response.headers["cache-control"] == "no-store"
    expect(page.locator("#jreject h1")).to_be_visible()
    expect(page.locator(".verdict")).to_have_count(0)  # the shop itself is not served
    shot(page, artifacts, "block-ie6")
    assert_accessible(page, "block page")


def test_the_switcher_shows_the_shop_as_the_chosen_visitor(page, base_url, artifacts):
    # This page keeps the real browser's UA: the demo substitutes the headers itself.
    page.goto(base_url + "/how-it-works?as=chrome")
    expect(page.locator("#jreject")).to_have_count(0)
    assert_accessible(page, "demo page")
    page.select_option("#demo-as", "chrome-ios15")
    page.get_by_role("button", name="Switch").click()
    expect(page).to_have_url(re.compile(r"\?as=chrome-ios15$"))
    expect(page.locator("#jreject")).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(".verdict")).to_contain_text("Chrome on iOS")
    expect(page.locator(".verdict")).to_contain_text("ios_saf 15.8")
    shot(page, artifacts, "switcher-chrome-ios15-closed")


def test_wsgi_stack_under_waitress_warns_and_blocks(open_as, wsgi_server):
    page = open_as("safari12")
    response = page.goto(wsgi_server + "/")
    assert response.status == 200
    expect(page.locator("#jreject")).to_be_visible()
    blocked = open_as("ie6").goto(wsgi_server + "/")
    assert blocked.status == 406
    assert "noindex" in blocked.headers["x-robots-tag"]
