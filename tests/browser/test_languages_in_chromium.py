"""The notice and the 406 page in other languages, in a real Chromium, on desktop and phone.

The browser's locale sets its ``Accept-Language``, so each page goes the whole way: the
demo behind the ASGI middleware negotiates the language, renders, and Chromium lays it
out. Screenshots land in test-artifacts/browser/lang-*.png: look at them.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .test_demo_in_chromium import assert_accessible, shot

pytestmark = pytest.mark.browser

LANGUAGES = {
    # locale sent by the browser → (tag the page must carry, direction, a text it must show)
    "ar": ("ar", "rtl", "متصفحك قديم"),
    "he-IL": ("he", "rtl", "הדפדפן שלך מיושן"),
    "ja-JP": ("ja", "ltr", "お使いのブラウザーは古くなっています"),
    "de-DE": ("de", "ltr", "Ihr Browser ist veraltet"),
    "ru-RU": ("ru", "ltr", "Ваш браузер устарел"),
}
BLOCK_TITLES = {
    "ar": "متصفحك غير مدعوم",
    "he": "הדפדפן שלך אינו נתמך",
    "ja": "お使いのブラウザーはサポートされていません",
    "de": "Ihr Browser wird nicht unterstützt",
    "ru": "Ваш браузер не поддерживается",
}
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}

# Every text element of the box: nothing wider than its own box (text cut or overflowing),
# nothing outside the card, and the card inside the viewport.
LAYOUT = """() => {
  const box = document.querySelector('#jreject .jreject-box');
  const card = box.getBoundingClientRect();
  const problems = [];
  if (card.left < 0 || card.right > window.innerWidth + 0.5) problems.push('card off screen');
  if (document.documentElement.scrollWidth > window.innerWidth) problems.push('sideways scrolling');
  for (const el of box.querySelectorAll('h1, h2, p, a, li, span')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline')
      problems.push('cut: ' + el.className + ' ' + el.textContent.slice(0, 30));
    if (r.left < card.left - 0.5 || r.right > card.right + 0.5)
      problems.push('outside the card: ' + el.className + ' ' + el.textContent.slice(0, 30));
  }
  return problems;
}"""

# Where a block's last line sits in the card: in a right-to-left layout it hugs the right
# side (the line's pieces are unioned: a Latin browser name is its own bidi run).
SIDES = """(selector) => {
  const card = document.querySelector('#jreject .jreject-box').getBoundingClientRect();
  const el = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(el);
  const rects = Array.from(range.getClientRects());
  const bottom = Math.max(...rects.map(r => r.bottom));
  const line = rects.filter(r => r.bottom > bottom - 4);
  const left = Math.min(...line.map(r => r.left)), right = Math.max(...line.map(r => r.right));
  const style = getComputedStyle(el);
  return {direction: style.direction, gapLeft: left - card.left, gapRight: card.right - right};
}"""


def _check_direction(page, selector, direction):
    sides = page.evaluate(SIDES, selector)
    assert sides["direction"] == direction, sides
    if direction == "rtl":
        assert sides["gapRight"] <= sides["gapLeft"] + 1, sides
    else:
        assert sides["gapLeft"] <= sides["gapRight"] + 1, sides


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
@pytest.mark.parametrize("locale", sorted(LANGUAGES))
def test_modal_in_the_visitors_language(open_as, base_url, artifacts, locale, size):
    tag, direction, title = LANGUAGES[locale]
    page = open_as("ie11", locale=locale, **VIEWPORTS[size])
    response = page.goto(base_url + "/")
    assert "Accept-Language" in response.headers["vary"]
    notice = page.locator("#jreject")
    expect(notice).to_have_attribute("lang", tag)
    expect(notice).to_have_attribute("dir", direction)
    expect(page.locator("#jreject-title")).to_have_text(title)
    shot(page, artifacts, f"lang-{tag}-modal-{size}", full_page=False)
    assert page.evaluate(LAYOUT) == []
    for selector in (
        "#jreject-title",
        "#jreject-text1",
        ".jreject-close-message",
        "a.jreject-close",
    ):
        _check_direction(page, selector, direction)
    if tag == "ar" and size == "desktop":
        assert_accessible(page, "Arabic modal")


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
@pytest.mark.parametrize("locale", sorted(LANGUAGES))
def test_block_page_in_the_visitors_language(open_as, base_url, artifacts, locale, size):
    tag, direction, _ = LANGUAGES[locale]
    page = open_as("ie6", locale=locale, **VIEWPORTS[size])
    response = page.goto(base_url + "/")
    assert response.status == 406
    assert "Accept-Language" in response.headers["vary"]
    html = page.locator("html")
    expect(html).to_have_attribute("lang", tag)
    expect(html).to_have_attribute("dir", direction)
    expect(page.locator("#jreject h1")).to_have_text(BLOCK_TITLES[tag])
    shot(page, artifacts, f"lang-{tag}-block-{size}")
    assert page.evaluate(LAYOUT) == []
    _check_direction(page, "#jreject h1", direction)
    if tag == "he" and size == "desktop":
        assert_accessible(page, "Hebrew block page")


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_banner_in_arabic_is_mirrored(open_as, base_url, artifacts, size):
    page = open_as("chrome-behind", locale="ar", **VIEWPORTS[size])
    page.goto(base_url + "/")
    banner = page.locator("#jreject.jreject-banner")
    expect(banner).to_have_attribute("dir", "rtl")
    shot(page, artifacts, f"lang-ar-banner-{size}", full_page=False)
    text = page.locator(".jreject-banner-text").bounding_box()
    close = page.locator("a.jreject-banner-close").bounding_box()
    width = VIEWPORTS[size]["viewport"]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert text["x"] >= 0
    assert text["x"] + text["width"] <= width
    # The close link sits at the left, clear of the text that starts at the right; on a
    # phone too, where the compact banner keeps it on the text's first line.
    assert close["x"] < 40
    assert close["x"] + close["width"] <= text["x"] + 1
    if size != "desktop":
        assert close["y"] < text["y"] + 20


@pytest.mark.parametrize("size", sorted(VIEWPORTS))
def test_the_demo_shop_itself_is_mirrored_in_arabic(open_as, base_url, artifacts, size):
    page = open_as("chrome", locale="ar", **VIEWPORTS[size])
    page.goto(base_url + "/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    shot(page, artifacts, f"lang-ar-demo-{size}")
    width = VIEWPORTS[size]["viewport"]["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The first product sits at the reading start: the right.
    first, second = (page.locator(".product").nth(i).bounding_box() for i in (0, 1))
    if size == "desktop":
        assert first["x"] > second["x"]
    else:
        assert first["x"] >= second["x"]
    label = page.locator(".facts dt").first.bounding_box()
    value = page.locator(".facts dd").first.bounding_box()
    assert label["x"] > value["x"]
