"""One test per row of jreject.detect.fixup_rules.FIXUPS, each from the row's own example."""

from __future__ import annotations

import pytest

from jreject.detect.fixup_rules import FIXUPS

ROWS = {row.name: row for row in FIXUPS}

# What each row's example must come out as: (browser, caniuse agent, os, os version, device).
EXPECTED: dict[str, tuple[str, str | None, str, tuple[int, ...], str]] = {
    "samsung-internet-1-3": ("samsung", "samsung", "android", (4, 4, 2), "mobile"),
    "windows-phone-desktop-mode": ("ie_mobile", "ie_mob", "windows_phone", (), "mobile"),
    "windows-phone-7-desktop-mode": ("ie_mobile", "ie_mob", "windows_phone", (), "mobile"),
    "iemobile-token": ("ie_mobile", "ie_mob", "windows_phone", (7, 0), "mobile"),
    "uc-browser-compact-iphone": ("uc", "ios_saf", "ios", (12, 5, 6), "mobile"),
    "uc-browser-compact-ipad": ("uc", "ios_saf", "ipados", (12, 4), "tablet"),
    "opera-tablet-presto": ("opera_mobile", "op_mob", "android", (3, 2, 1), "tablet"),
    "android-oem-release-format": ("android", "android", "android", (4, 0, 4), "mobile"),
    "android-oem-release-format-chrome": ("chrome", "and_chr", "android", (5, 1), "mobile"),
    "chromebook-android-token": ("chrome", "chrome", "chromeos", (), "desktop"),
    "android-desktop-mode": ("chrome", "and_chr", "android", (10,), "desktop"),
    "ios-26-frozen-os": ("safari", "ios_saf", "ios", (26, 1), "mobile"),
}


def _facts(detector, ua):
    client = detector(ua)
    return client.browser, client.caniuse_agent, client.os, client.os_version, client.device


def test_every_row_has_a_test_and_a_reason():
    assert set(ROWS) == set(EXPECTED)
    for row in FIXUPS:
        assert row.reason.endswith("."), row.name
        assert len(row.reason) > 40, row.name
        assert all(needle in row.example for needle in row.needles), row.name


def test_samsung_internet_1_to_3_is_samsung_not_the_android_browser(detector):
    ua = ROWS["samsung-internet-1-3"].example
    assert _facts(detector, ua) == EXPECTED["samsung-internet-1-3"]
    assert detector(ua).version == (1, 5)


def test_windows_phone_in_desktop_mode_is_ie_mobile(detector):
    ua = ROWS["windows-phone-desktop-mode"].example
    assert _facts(detector, ua) == EXPECTED["windows-phone-desktop-mode"]
    assert detector(ua).version[:1] == (11,)


def test_windows_phone_7_in_desktop_mode_is_ie_mobile(detector):
    ua = ROWS["windows-phone-7-desktop-mode"].example
    assert _facts(detector, ua) == EXPECTED["windows-phone-7-desktop-mode"]


def test_an_iemobile_token_with_a_space_is_still_ie_mobile(detector):
    ua = ROWS["iemobile-token"].example
    assert _facts(detector, ua) == EXPECTED["iemobile-token"]


def test_uc_browser_compact_iphone_format_is_webkit_on_ios(detector):
    ua = ROWS["uc-browser-compact-iphone"].example
    assert _facts(detector, ua) == EXPECTED["uc-browser-compact-iphone"]
    assert detector(ua).caniuse_version == (12, 5)


def test_uc_browser_compact_ipad_format_is_webkit_on_ipados(detector):
    ua = ROWS["uc-browser-compact-ipad"].example
    assert _facts(detector, ua) == EXPECTED["uc-browser-compact-ipad"]


def test_presto_opera_tablet_is_opera_mobile(detector):
    ua = ROWS["opera-tablet-presto"].example
    assert _facts(detector, ua) == EXPECTED["opera-tablet-presto"]
    assert detector(ua).caniuse_version == (11, 10)


def test_the_wap_era_android_form_is_the_android_browser(detector):
    ua = ROWS["android-oem-release-format"].example
    assert _facts(detector, ua) == EXPECTED["android-oem-release-format"]
    assert detector(ua).caniuse_version == (4, 0, 4)
    with_chrome = ua.replace("(KHTML, like Gecko)", "Chrome/30.0.0.0")
    assert detector(with_chrome).caniuse_agent == "and_chr"


def test_the_wap_era_android_form_with_chrome_is_chrome_for_android(detector):
    ua = ROWS["android-oem-release-format-chrome"].example
    assert _facts(detector, ua) == EXPECTED["android-oem-release-format-chrome"]
    assert detector(ua).caniuse_version == (40,)


def test_a_chromebook_with_an_android_token_is_chromeos(detector):
    ua = ROWS["chromebook-android-token"].example
    assert _facts(detector, ua) == EXPECTED["chromebook-android-token"]


def test_an_android_device_that_says_desktop_is_a_desktop(detector):
    ua = ROWS["android-desktop-mode"].example
    assert _facts(detector, ua) == EXPECTED["android-desktop-mode"]
    phone = ua.replace("Desktop", "Pixel 8")
    assert detector(phone).device != "desktop"


def test_ios_26_frozen_os_token_reports_the_version_it_hides(detector):
    ua = ROWS["ios-26-frozen-os"].example
    assert _facts(detector, ua) == EXPECTED["ios-26-frozen-os"]
    assert detector(ua).os_version_frozen
    for frozen in ("18_6", "19_0"):
        client = detector(ua.replace("18_7", frozen))
        assert (client.os_version, client.os_version_frozen) == ((26, 1), True)
    # A real iOS 17 with an (impossible) Version/26 keeps its own, unfrozen version.
    assert detector(ua.replace("18_7", "17_5")).os_version == (17, 5)


@pytest.mark.parametrize("row", FIXUPS, ids=[row.name for row in FIXUPS])
def test_a_row_does_not_fire_without_all_its_needles(detector, row):
    # Dropping the first needle must change the answer back to ua-parser's own.
    ua = row.example.replace(row.needles[0], "")
    assert _facts(detector, ua) != EXPECTED[row.name]
