from __future__ import annotations

import pytest

from jreject.data import load
from jreject.detect import catalog
from jreject.detect.client import ENGINES

CONTRACT_IDS = (
    "chrome", "chromium", "edge", "edge_legacy", "firefox", "firefox_esr", "safari", "ie",
    "ie_mobile", "opera", "opera_mini", "opera_mobile", "samsung", "yandex", "uc", "vivaldi",
    "brave", "android_webview", "android", "chrome_ios", "firefox_ios", "edge_ios", "opera_ios",
    "facebook", "instagram", "tiktok", "qq", "baidu", "kaios", "konqueror", "unknown",
)  # fmt: skip
CONTRACT_OSES = (
    "windows",
    "macos",
    "ios",
    "ipados",
    "android",
    "linux",
    "chromeos",
    "kaios",
    "unknown",
)


def test_every_contract_browser_id_exists():
    assert set(CONTRACT_IDS) <= set(catalog.browser_ids())


def test_every_contract_os_id_exists():
    assert set(CONTRACT_OSES) <= set(catalog.os_ids())


@pytest.mark.parametrize("info", catalog.BROWSERS.values(), ids=lambda i: i.id)
def test_entries_are_consistent(info):
    assert info.engine in ENGINES
    assert info.family in catalog.BROWSERS
    agents = set(load().agents)
    for agent in (info.desktop_agent, info.mobile_agent):
        assert agent is None or agent in agents


def test_ios_browsers_are_webkit_and_never_chromium_based():
    for browser in ("chrome_ios", "firefox_ios", "edge_ios", "opera_ios", "ios_webview"):
        assert catalog.engine_of(browser) == "webkit"
        assert catalog.browser_info(browser).mobile_agent == "ios_saf"
        assert not catalog.is_chromium_based(browser)


def test_families_point_policies_at_the_parent_browser():
    assert catalog.family_of("firefox_esr") == "firefox"
    assert catalog.family_of("chrome_ios") == "chrome"
    assert catalog.family_of("edge_legacy") == "edge"
    assert catalog.family_of("opera_mini") == "opera"


def test_chromium_based_browsers():
    assert catalog.is_chromium_based("edge")
    assert catalog.is_chromium_based("samsung")
    assert not catalog.is_chromium_based("edge_legacy")
    assert not catalog.is_chromium_based("safari")


def test_unknown_ids_raise_naming_the_valid_ones():
    with pytest.raises(KeyError, match="unknown browser id 'netscape'; expected one of chrome"):
        catalog.browser_info("netscape")
    with pytest.raises(KeyError, match="unknown OS id 'beos'"):
        catalog.os_info("beos")


def test_a_browsers_ios_id_is_a_webkit_browser_judged_as_ios_safari():
    named = {info.id: info.ios_id for info in catalog.BROWSERS.values() if info.ios_id}
    assert named["chrome"] == "chrome_ios"
    assert named["android_webview"] == "ios_webview"
    for ios_id in named.values():
        assert catalog.engine_of(ios_id) == "webkit"
        assert catalog.browser_info(ios_id).ios_id is None


def test_generic_ids_are_the_ones_named_by_what_ua_parser_read():
    assert {"chromium", "ios_webview", "unknown"} == catalog.GENERIC_BROWSERS


def test_os_classes_come_from_the_catalog():
    assert {"ios", "ipados"} == catalog.IOS_OSES
    assert {"android", "ios", "kaios", "windows_phone"} <= catalog.MOBILE_OSES
    assert {"windows", "macos", "linux", "chromeos"} <= catalog.DESKTOP_OSES
    assert not catalog.MOBILE_OSES & catalog.DESKTOP_OSES
    # Android's device class depends on the UA ("Mobile" or not), so it has no default.
    assert catalog.os_info("android").device == "unknown"
    assert catalog.os_info("ipados").device == "tablet"
