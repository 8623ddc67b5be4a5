"""``jreject serve`` behind the real nginx of docs/serve.md, seen by Chromium.

The notice script (``/_jreject/notice.js``, added by nginx's ``sub_filter``) really
shows the modal with its CSS and script from the service, closes it, and the close
is remembered; a blocked browser sees the 406 page.
"""

from __future__ import annotations

import pytest

from serve.conftest import CHROME, IE6, OLD_SAFARI, running_service, write_site
from serve.nginx import NGINX, running_nginx

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(NGINX is None, reason="nginx is not installed (scripts/test installs it)"),
]


def as_browser(browser, agent):
    """A context that presents itself as ``agent``: the User-Agent, and no client hints.

    Chromium sends its real Sec-CH-UA whatever the User-Agent says (and adds them
    below any header override), and detection rightly believes the hints; an old
    browser would send none. So every request is sent by Playwright instead, without them.
    """
    context = browser.new_context(user_agent=agent)

    def strip_hints(route):
        headers = {k: v for k, v in route.request.headers.items() if not k.startswith("sec-ch-")}
        route.fulfill(response=route.fetch(headers=headers))

    context.route("**/*", strip_hints)
    return context


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    site = write_site(tmp_path_factory.mktemp("site"))
    with (
        running_service(tmp_path_factory.mktemp("service")) as service,
        running_nginx(tmp_path_factory.mktemp("nginx"), service.port, site) as nginx,
    ):
        yield nginx.url


def test_old_browser_sees_the_modal_and_closing_it_is_remembered(browser, shop, artifacts):
    context = as_browser(browser, OLD_SAFARI)
    page = context.new_page()
    page.goto(shop + "/boards.html")
    dialog = page.locator("#jreject[role=dialog]")
    dialog.wait_for(state="visible", timeout=5000)
    assert "You are using Safari 15.6." in dialog.inner_text()
    # The service's stylesheet applies: the dialog is laid over the page, not in its flow.
    assert page.evaluate("getComputedStyle(document.getElementById('jreject')).position") in (
        "fixed",
        "absolute",
    )
    page.screenshot(path=artifacts / "serve-nginx-modal.png", animations="disabled", caret="hide")
    page.locator("#jreject .jreject-close").first.click()
    dialog.wait_for(state="hidden", timeout=5000)
    page.wait_for_function("document.cookie.indexOf('jreject_closed') >= 0", timeout=5000)
    page.reload()
    page.wait_for_load_state("load")
    assert page.locator("#jreject").count() == 0
    assert "Oak and walnut" in page.inner_text("body")
    context.close()


def test_current_browser_sees_the_page_alone(browser, shop):
    context = as_browser(browser, CHROME)
    page = context.new_page()
    page.goto(shop + "/")
    page.wait_for_load_state("load")
    assert page.locator("#jreject").count() == 0
    assert page.locator("script[src*=notice]").count() == 0
    context.close()


def test_blocked_browser_sees_the_406_page(browser, shop):
    context = as_browser(browser, IE6)
    page = context.new_page()
    response = page.goto(shop + "/boards.html")
    assert response.status == 406
    assert page.locator("h1").first.inner_text() == "Your browser is not supported"
    context.close()
