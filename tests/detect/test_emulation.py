from __future__ import annotations

import pytest

from jreject.detect.emulation import LIGHTHOUSE_USER_AGENTS, emulation_name
from jreject.detect.headers import Headers
from jreject.policy import MODERN, Minimum
from jreject.policy.bots import decide
from jreject.policy.rules import RejectRules

DESKTOP, PHONE = LIGHTHOUSE_USER_AGENTS
# Lighthouse 13 writes the host's milestone into the UA string; its hints still say 119.
DESKTOP_13 = DESKTOP.replace("Chrome/119.0.0.0", "Chrome/143.0.0.0")
PHONE_13 = PHONE.replace("Chrome/119.0.0.0", "Chrome/143.0.0.0")
# What core/lib/emulation.js sets through the DevTools protocol: two brands, no GREASE.
LIGHTHOUSE_DESKTOP_HINTS = {
    "sec-ch-ua": '"Chromium";v="119", "Google Chrome";v="119"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"macOS"',
}
LIGHTHOUSE_PHONE_HINTS = {
    "sec-ch-ua": '"Chromium";v="119", "Google Chrome";v="119"',
    "sec-ch-ua-mobile": "?1",
    "sec-ch-ua-platform": '"Android"',
}
REAL_CHROME_119_HINTS = {
    "sec-ch-ua": '"Google Chrome";v="119", "Chromium";v="119", "Not?A_Brand";v="24"',
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"macOS"',
}
WINDOWS_CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/{}.0.0.0 Safari/537.36"
)
# Everything a tier can reject: Lighthouse must pass even this.
REJECT_ALL = RejectRules(
    dict.fromkeys(("chrome", "chromium", "edge", "safari", "firefox"), True),
    action="block",
)


@pytest.mark.parametrize(
    ("headers", "label"),
    [
        ({"user-agent": DESKTOP}, "desktop, plain HTTP (no hints)"),
        ({"user-agent": PHONE}, "phone, plain HTTP"),
        ({"user-agent": PHONE_13}, "phone, Lighthouse 13, plain HTTP"),
        ({"user-agent": DESKTOP, **LIGHTHOUSE_DESKTOP_HINTS}, "desktop, HTTPS"),
        ({"user-agent": PHONE, **LIGHTHOUSE_PHONE_HINTS}, "phone, HTTPS"),
        ({"user-agent": DESKTOP_13, **LIGHTHOUSE_DESKTOP_HINTS}, "desktop, Lighthouse 13, HTTPS"),
        ({"user-agent": PHONE_13, **LIGHTHOUSE_PHONE_HINTS}, "phone, Lighthouse 13, HTTPS"),
    ],
)
def test_lighthouse_is_a_bot_and_never_rejected(fast_detector, headers, label):
    client = fast_detector(Headers(headers))
    assert (client.is_bot, client.bot_name, client.device) == (True, "Lighthouse", "bot"), label
    for policy in (Minimum(MODERN), Minimum(MODERN, action="block"), REJECT_ALL):
        verdict = decide(client, policy)
        assert (verdict.action, verdict.allowed) == ("allow", True), label
        assert decide(client, policy, bots="log").action == "log"


def test_a_real_chrome_119_sending_grease_is_judged_as_chrome(fast_detector):
    client = fast_detector(Headers({"user-agent": DESKTOP, **REAL_CHROME_119_HINTS}))
    assert not client.is_bot
    assert (client.browser, client.version[:1]) == ("chrome", (119,))
    assert decide(client, Minimum(MODERN)).action == "modal"


def test_current_chrome_is_untouched(fast_detector):
    hints = {
        "sec-ch-ua": '"Chromium";v="143", "Google Chrome";v="143", "Not A(Brand";v="24"',
        "sec-ch-ua-platform": '"Windows"',
    }
    for headers in (
        {"user-agent": WINDOWS_CHROME.format(143)},
        {"user-agent": WINDOWS_CHROME.format(143), **hints},
    ):
        client = fast_detector(Headers(headers))
        assert not client.is_bot
        assert client.browser == "chrome"


def test_other_chrome_with_hints_set_through_devtools_is_an_emulation(fast_detector):
    headers = {
        "user-agent": WINDOWS_CHROME.format(119),
        "sec-ch-ua": '"Chromium";v="119", "Google Chrome";v="119"',
        "sec-ch-ua-platform": '"Windows"',
    }
    client = fast_detector(Headers(headers))
    assert (client.is_bot, client.bot_name) == (True, "Chrome emulation")


def test_a_brand_list_naming_lighthouse_without_grease_is_lighthouse(fast_detector):
    brands = '"Chromium";v="119", "Google Chrome";v="119", "Lighthouse";v="11.5.0"'
    for headers in (
        {"sec-ch-ua": brands},
        {"sec-ch-ua": brands, "user-agent": WINDOWS_CHROME.format(119)},
    ):
        client = fast_detector(Headers(headers))
        assert (client.is_bot, client.bot_name) == (True, "Lighthouse")
    # With GREASE it is a browser's own list, whatever else it names.
    greased = brands + ', "Not_A Brand";v="8"'
    client = fast_detector(
        Headers({"sec-ch-ua": greased, "user-agent": WINDOWS_CHROME.format(119)})
    )
    assert not client.is_bot


@pytest.mark.parametrize(
    "brands",
    [
        '"Microsoft Edge";v="119", "Chromium";v="119"',  # a brand of its own: not Lighthouse's list
        '"Chromium";v="119", "Google Chrome";v="119", "Not_A Brand";v="8"',
    ],
)
def test_only_lighthouses_own_brand_list_without_grease_counts(brands):
    from jreject.detect.hints import parse_hints

    assert emulation_name(WINDOWS_CHROME.format(119), parse_hints({"sec-ch-ua": brands})) is None


def test_an_old_moto_g_power_with_its_own_chrome_build_is_not_lighthouse():
    # Before UA reduction Chrome named the model with a full build number, never x.0.0.0.
    ua = (
        "Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/99.0.4844.88 Mobile Safari/537.36"
    )
    assert emulation_name(ua, None) is None
