"""Where the middleware splices the notice, seen by Chromium: a ``</body>`` that is text
in a script (after the page's end, or in a page without one) does not take it.

The notice spliced into the script's string used to end that string at its first line
break ("Invalid or unexpected token"): the host script did not run and no notice showed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from browser.conftest import _serve_uvicorn
from jreject.middleware import JRejectASGI

pytestmark = pytest.mark.browser

HEAD = (
    b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Shop</title></head>"
    b"<body><h1>Boards and wax</h1><p>Everything for the beach.</p>"
)
SCRIPT = b"<script>window.tpl = '<p>a</p></body>'; document.title = 'SCRIPT-RAN';</script>"
PAGES = {
    # A script after </html>, as an edge or a CMS plugin appends one.
    "/after-the-end": HEAD + b"</body></html>\n" + SCRIPT,
    # No end tag of its own: the last script's string holds the only "</body>".
    "/no-end-tag": HEAD + SCRIPT,
}
POLICY = {"policy": [{"minimum": {"chrome": 120}, "action": "modal"}]}


async def shop(scope, receive, send):
    assert scope["type"] == "http"
    body = PAGES[scope["path"]]
    headers = [(b"content-type", b"text/html; charset=utf-8")]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    # Two messages, cut inside the script's end tag: the splicer reads across them.
    cut = body.rindex(b"</script>") + 4
    await send({"type": "http.response.body", "body": body[:cut], "more_body": True})
    await send({"type": "http.response.body", "body": body[cut:]})


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    url, stop = _serve_uvicorn(JRejectASGI(shop, config=POLICY))
    yield url
    stop()


@pytest.mark.parametrize("path", list(PAGES))
def test_a_body_end_tag_in_a_script_leaves_the_script_whole(open_as, site, artifacts, path):
    page = open_as("chrome109-win7")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    response = page.goto(site + path)
    assert response is not None
    assert b"jreject" in response.body()
    dialog = page.locator("#jreject[role=dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    assert "Chrome 109" in dialog.inner_text()
    # The host script ran, its string intact.
    assert errors == []
    assert page.title() == "SCRIPT-RAN"
    assert page.evaluate("window.tpl") == "<p>a</p></body>"
    name = path.strip("/")
    page.screenshot(path=artifacts / f"splice-{name}.png", animations="disabled", caret="hide")
