"""Lighthouse's own emulation in a real Chromium: the demo must not warn it (issue 9 §10).

Lighthouse overrides the User-Agent and the client hints through the DevTools
protocol, exactly as below (its ``core/lib/emulation.js``); Chromium then sends the
brands as given, without the GREASE brand it adds to its own list.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from jreject.detect.emulation import LIGHTHOUSE_USER_AGENTS

from .conftest import VIEWPORT

pytestmark = pytest.mark.browser

DESKTOP, PHONE = LIGHTHOUSE_USER_AGENTS


def lighthouse_metadata(user_agent: str, mobile: bool) -> dict[str, object]:
    full_version = "119.0.0.0"  # from Lighthouse's configured UA, whatever the host's
    details = (
        {
            "platform": "Android",
            "platformVersion": "11.0",
            "architecture": "",
            "model": "moto g power (2022)",
        }
        if mobile
        else {"platform": "macOS", "platformVersion": "10.15.7", "architecture": "x86", "model": ""}
    )
    return {
        "userAgent": user_agent,
        "userAgentMetadata": {
            "brands": [
                {"brand": "Chromium", "version": "119"},
                {"brand": "Google Chrome", "version": "119"},
            ],
            "fullVersion": full_version,
            **details,
            "mobile": mobile,
        },
    }


@pytest.mark.parametrize(
    ("user_agent", "mobile"),
    [
        (DESKTOP, False),
        (PHONE, True),
        # Lighthouse 13 writes the host's milestone into the UA string only.
        (DESKTOP.replace("119.0.0.0", "143.0.0.0"), False),
    ],
    ids=["desktop", "phone", "desktop-lighthouse-13"],
)
def test_lighthouse_sees_the_page_without_a_notice(new_context, base_url, user_agent, mobile):
    context = new_context(viewport=VIEWPORT)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.setUserAgentOverride", lighthouse_metadata(user_agent, mobile))
    response = page.goto(base_url + "/")
    assert response is not None
    assert response.status == 200
    brands = page.evaluate("navigator.userAgentData.brands.map(b => b.brand)")
    assert brands == ["Chromium", "Google Chrome"]  # as sent: no GREASE brand
    expect(page.locator("h1")).to_have_text("Paper goods for slow afternoons")
    expect(page.locator("#jreject")).to_have_count(0)
