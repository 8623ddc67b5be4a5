"""One test per row of jreject.detect.fixup_rules.FIXUPS, then the issue's classes.

Every row's own ``example`` must come out as :data:`EXPECTED` says, and must come
out differently without that row (so no row is dead weight). The class tests below
use User-Agents written for them, other than the rows' examples, so that a row
matches the shape of its class rather than one string.
"""

from __future__ import annotations

import pytest

from jreject.detect import fixup_rules
from jreject.detect.fixup_rules import FIXUPS
from jreject.detect.platforms import Platform

ROWS = {row.name: row for row in FIXUPS}

# What each row's example must come out as: (browser, caniuse agent, os, os version, device).
EXPECTED: dict[str, tuple[str, str | None, str, tuple[int, ...], str]] = {
    "unnamed-blink-is-chromium": ("chromium", "chrome", "linux", (), "desktop"),
    "opera-own-line-is-chromium": ("chromium", "and_chr", "android", (12,), "mobile"),
    "unnamed-trident-is-ie": ("ie", "ie", "windows", (7,), "desktop"),
    "unnamed-presto-is-opera": ("opera", "opera", "linux", (), "tv"),
    "unnamed-apple-webkit-is-safari": ("safari", "safari", "macos", (10, 15, 7), "desktop"),
    "ios-browsers-are-webkit": ("opera_ios", "ios_saf", "ios", (17, 5), "mobile"),
    "ios-safari-without-version-is-a-webview": (
        "ios_webview",
        "ios_saf",
        "ipados",
        (16, 6),
        "tablet",
    ),
    "ios-browser-asking-for-the-desktop-site": (
        "edge_ios",
        "ios_saf",
        "macos",
        (10, 15, 7),
        "desktop",
    ),
    "safari-without-version-is-an-embedded-webkit": ("unknown", None, "linux", (), "tv"),
    "safari-network-fetch": ("safari", "safari", "macos", (10, 9, 4), "desktop"),
    "safari-on-android-is-the-android-browser": ("android", "android", "android", (), "tablet"),
    "safari-on-another-device-os": ("unknown", None, "tizen", (2, 3), "mobile"),
    "ie-version-from-msie": ("ie", "ie", "windows", (5, 1), "desktop"),
    "ie-version-from-trident": ("ie", "ie", "windows", (7,), "desktop"),
    "edgehtml-is-edge-legacy": ("edge_legacy", "edge", "windows_phone", (10, 0), "mobile"),
    "android-webview-token": ("android_webview", "android", "android", (9,), "mobile"),
    "android-webview-version-token": ("android_webview", "android", "android", (4, 4), "mobile"),
    "wechat-webview": ("wechat", "android", "android", (14,), "mobile"),
    "kaios-browser": ("kaios", "kaios", "kaios", (2, 5, 1), "mobile"),
    "firefox-esr": ("firefox_esr", "firefox", "linux", (), "desktop"),
    "safari-and-presto-opera-version": ("opera", "opera", "linux", (), "tv"),
    "chromium-version": ("brave", "and_chr", "android", (14,), "mobile"),
    "unnamed-gecko-version": ("unknown", "firefox", "windows", (10,), "bot"),
    "samsung-internet-1-3": ("samsung", "samsung", "android", (4, 4, 2), "mobile"),
    "windows-phone-desktop-mode": ("ie_mobile", "ie_mob", "windows_phone", (), "mobile"),
    "windows-phone-7-desktop-mode": ("ie_mobile", "ie_mob", "windows_phone", (), "mobile"),
    "windows-mobile-6-desktop-mode": ("ie_mobile", "ie_mob", "windows_phone", (6, 5), "mobile"),
    "ie-on-windows-ce": ("ie_mobile", "ie_mob", "windows", (), "mobile"),
    "iemobile-token": ("ie_mobile", "ie_mob", "windows_phone", (7, 0), "mobile"),
    "uc-browser-compact-iphone": ("uc", "ios_saf", "ios", (12, 5, 6), "mobile"),
    "uc-browser-compact-ipad": ("uc", "ios_saf", "ipados", (12, 4), "tablet"),
    "uc-browser-old-android-form": ("uc", "and_uc", "android", (2, 3, 5), "mobile"),
    "uc-browser-lite-token": ("uc", "and_uc", "android", (6, 0, 1), "mobile"),
    "uc-browser-java-form": ("uc", "and_uc", "unknown", (), "mobile"),
    "opera-tablet-presto": ("opera_mobile", "op_mob", "android", (3, 2, 1), "tablet"),
    "opera-mobile-desktop-mode": ("opera_mobile", "op_mob", "linux", (), "mobile"),
    "opera-mini-desktop-mode": ("opera_mini", "op_mini", "linux", (), "mobile"),
    "opera-mini-bare-token": ("opera_mini", "op_mini", "unknown", (), "mobile"),
    "opera-on-a-handset": ("opera_mobile", "op_mob", "windows", (5, 1), "mobile"),
    "opera-wap-release-format": ("opera_mobile", "op_mob", "linux", (), "mobile"),
    "opera-on-android-is-opera-mobile": ("opera_mobile", "op_mob", "android", (11,), "mobile"),
    "android-oem-release-format": ("android", "android", "android", (4, 0, 4), "mobile"),
    "android-oem-release-format-chrome": ("chrome", "and_chr", "android", (5, 1), "mobile"),
    "chrome-on-android-without-version": ("chrome", "and_chr", "android", (7, 0), "mobile"),
    "unnamed-android-webkit-is-the-android-browser": (
        "android",
        "android",
        "android",
        (),
        "tablet",
    ),
    "dalvik-has-no-browser-version": ("android", "android", "android", (14,), "tablet"),
    "fire-tv-chromium-token": ("chromium", "chrome", "unknown", (), "tv"),
    "chromebook-android-token": ("chrome", "chrome", "chromeos", (), "desktop"),
    "android-desktop-mode": ("chrome", "and_chr", "android", (10,), "desktop"),
    "ios-26-frozen-os": ("safari", "ios_saf", "ios", (26, 1), "mobile"),
    "ios-26-frozen-os-in-app": ("instagram", "ios_saf", "ios", (26, 1), "mobile"),
}


def _facts(detector, ua):
    client = detector(ua)
    return client.browser, client.caniuse_agent, client.os, client.os_version, client.device


def _versions(detector, ua):
    client = detector(ua)
    return client.version, client.caniuse_version


def test_every_row_has_a_test_and_a_reason():
    assert list(ROWS) == list(EXPECTED)
    for row in FIXUPS:
        assert row.reason.endswith("."), row.name
        assert len(row.reason) > 40, row.name
        assert all(needle in row.example for needle in row.needles), row.name
        assert not any(text in row.example for text in row.unless), row.name
        assert not row.any_of or any(text in row.example for text in row.any_of), row.name


@pytest.mark.parametrize("row", FIXUPS, ids=[row.name for row in FIXUPS])
def test_each_row_gives_its_example_the_expected_answer(detector, row):
    assert _facts(detector, row.example) == EXPECTED[row.name]


@pytest.mark.parametrize("row", FIXUPS, ids=[row.name for row in FIXUPS])
def test_each_row_is_what_gives_its_example_that_answer(fast_detector, row, monkeypatch):
    before = fast_detector(row.example)
    monkeypatch.setattr(fixup_rules, "FIXUPS", tuple(r for r in FIXUPS if r is not row))
    detector_client = fast_detector(row.example)
    assert detector_client != before


# --- Unnamed browsers, named by their engine. --------------------------------------------


def test_tv_opera_is_presto_opera_at_its_version(detector):
    ua = (
        "Opera/9.80 (Linux sh4; U; HbbTV/1.2.1 (;Maker;TV55;v1.0;;) CE-HTML/1.0; en) "
        "Presto/2.12.362 Version/12.10"
    )
    assert detector(ua).caniuse_agent == "opera"
    assert detector(ua).caniuse_version == (12, 10)
    # Presto without an Opera token is not named Opera.
    assert detector(ua.replace("Opera/9.80", "Browser/1.0")).browser != "opera"


def test_an_unnamed_android_webkit_is_the_android_browser_only_before_chromium(detector):
    old = "Mozilla/5.0 (Linux; U; Android 2.3.4; de-de; Slate7 Build/GRJ22) AppleWebKit/533.1"
    assert detector(old).caniuse_agent == "android"
    # Android 5+ WebViews say Chrome/; a bare WebKit there is some app, not the browser.
    facts = detector(old)
    for version, expected in (((4, 3), True), ((), True), ((5, 0), False), ((12,), False)):
        platform = Platform("android", version)
        assert fixup_rules.before_chromium_webview(facts, platform) is expected


def test_safari_network_fetches_are_safari_on_a_mac_of_any_cpu(detector):
    for ua in (
        "Safari/6534.59.10 CFNetwork/454.12.4 Darwin/10.8.0 (i386) (MacBook5%2C1)",
        "Safari5530.17 CFNetwork/438.12 Darwin/9.7.0 (Power%20Macintosh) (PowerMac7%2C3)",
        # WebKit's networking process, and Safari's fetch naming no machine.
        "com.apple.WebKit.Networking/9601.7.8 CFNetwork/673.6 Darwin/13.4.0 (x86_64) (iMac11%2C2)",
        "Safari/18615.1.21.11.5 CFNetwork/1406.0.2 Darwin/22.4.0",
    ):
        client = detector(ua)
        assert (client.browser, client.os, client.caniuse_agent) == ("safari", "macos", "safari")
    # An app's own CFNetwork fetch is not Safari.
    assert detector("Bookshelf/12 CFNetwork/1240 Darwin/20.5.0 (x86_64)").browser != "safari"


# --- The "Agents" classes. ------------------------------------------------------


def test_samsung_internet_1_to_3_is_samsung_not_the_android_browser(detector):
    # Early builds add a date to the version: Version/1.0.130207.
    for version, chrome in (
        ("1.0", "18.0.1025.308"),
        ("1.0.130207", "18.0.1025.308"),
        ("2.1", "34.0.1847.76"),
    ):
        ua = (
            "Mozilla/5.0 (Linux; Android 4.4.4; en-us; SAMSUNG SM-A300F Build/KTU84P) "
            f"AppleWebKit/537.36 (KHTML, like Gecko) Version/{version} Chrome/{chrome} "
            "Mobile Safari/537.36"
        )
        assert detector(ua).browser == "samsung", ua
    # A Samsung model number alone says Samsung too, also a Japanese carrier's.
    for model in ("SM-A300F", "SC-02E", "SCL23", "404SC", "Galaxy Nexus"):
        assert detector(ua.replace("SAMSUNG SM-A300F", model)).browser == "samsung", model
    # The same shape from another maker is the Android WebView-based stock browser.
    other = ua.replace("SAMSUNG SM-A300F", "Phone X1")
    assert detector(other).browser != "samsung"


def test_windows_phone_in_desktop_mode_is_ie_mobile(detector):
    ua = (
        "Mozilla/5.0 (Windows NT 6.2; ARM; Trident/7.0; Touch; rv:11.0; WPDesktop; "
        "Maker; Phone 650) like Gecko"
    )
    assert _facts(detector, ua)[:3] == ("ie_mobile", "ie_mob", "windows_phone")
    desktop = ua.replace("WPDesktop; ", "")
    assert detector(desktop).caniuse_agent == "ie"


def test_windows_mobile_and_windows_ce_ie_are_ie_mobile(detector):
    for ua in (
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; Maker_Phone_X1; Windows Phone 6.5.3.5)",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; Windows Phone 6.5)",
        "Mozilla/4.0 (compatible; MSIE 4.01; Windows CE; PPC; 240x320)",
        "Mozilla/2.0 (compatible; MSIE 3.02; Windows CE; Smartphone; 176x220)",
    ):
        assert _facts(detector, ua)[1:2] == ("ie_mob",), ua
        assert detector(ua).device == "mobile", ua
    assert detector("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)").caniuse_agent == "ie"


def test_opera_asking_for_desktop_sites_is_still_the_phone_s_opera(detector):
    mobile = "Opera/9.80 (X11; Linux zbov; U; de) Presto/2.10.254 Version/12.00"
    assert _facts(detector, mobile)[:2] == ("opera_mobile", "op_mob")
    assert detector(mobile).caniuse_version == (12, 0)
    mini = "Maker-X1 Opera/9.80 (X11; Linux zvav; U; de) Presto/2.12.423 Version/11.10"
    assert _facts(detector, mini)[:2] == ("opera_mini", "op_mini")
    desktop = "Opera/9.80 (X11; Linux x86_64; U; de) Presto/2.12.388 Version/12.16"
    assert _facts(detector, desktop)[:2] == ("opera", "opera")


def test_opera_on_a_feature_phone_is_opera_mobile(detector):
    for ua in (
        "Mozilla/4.0 (compatible; MSIE 6.0; KDDI-XX3B) Opera 8.60 [ja]",
        "Mozilla/3.0(DDIPOCKET;KYOCERA/AH-K3001V/1.4.1.67.000000/0.1/C100) Opera 7.0",
        "Mozilla/5.0 (Maker_X1;U;REX/1.0;BREW/5.0.4.1;Profile/MIDP-2.0 Configuration/CLDC-1.1) "
        "Opera/9.70",
    ):
        assert detector(ua).caniuse_agent == "op_mob", ua
        assert detector(ua).device == "mobile", ua


def test_opera_on_handsets_and_in_the_wap_form_is_opera_mobile(detector):
    for ua in (
        "Vodafone/1.0/Maker_X2/3.14.162.5 (04666) Opera/9.7 (Windows NT 5.1; U; en)",
        "SAMSUNG-SGH-i900/1.0 Opera 9.5",
        "Maker X9  Opera/9.80 (MTK; Nucleus; U; en) Presto/2.4.18 Version/10.00",
        "OPPOA617/2.07/11 Release/2011.6.14 Browser/Opera Profile/MIDP-2.0 Configuration/CLDC-1.1",
        "MOT-X1/A2.01.11R Release/09.24.2008 OPERA/BER2.2 Profile/MIDP-2.0 Configuration/CLDC-1.1",
        "Mozilla/4.0 (compatible; MSIE 6.0; KYOCERA/WX320K/2;1.0.7.14.000000/0.1) Opera 7.0 [ja]",
    ):
        assert _facts(detector, ua)[1::3] == ("op_mob", "mobile"), ua
    # Desktop Opera starts with its own name, or with Mozilla when it poses as another.
    for ua in (
        "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.10.289 Version/12.02",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; en) Opera 8.54",
    ):
        assert _facts(detector, ua)[1::3] == ("opera", "desktop"), ua


def test_opera_gx_and_touch_for_android_are_judged_by_their_chromium(detector):
    for token in ("OPX/3.0", "OPT/2.4"):
        client = detector(
            "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) "
            f"Chrome/142.0.0.0 Mobile Safari/537.36 {token}"
        )
        assert (client.browser, client.caniuse_agent, client.caniuse_version) == (
            "chromium",
            "and_chr",
            (142,),
        )
    # On iOS, Opera Touch is WebKit, as every iOS browser.
    ios = detector(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) OPT/4.3.2 Mobile/15E148"
    )
    assert (ios.browser, ios.caniuse_agent) == ("opera_ios", "ios_saf")


def test_uc_browser_lite_is_uc_at_its_own_version(detector):
    ua = (
        "Mozilla/5.0 (Linux; U; Android 7.0; en-US; Maker X2 Build/NRD90M) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/57.0.2987.108 UCLite/12.1.0.8 Mobile Safari/537.36"
    )
    client = detector(ua)
    assert (client.browser, client.version[:2], client.caniuse_agent) == ("uc", (12, 1), "and_uc")


def test_uc_browser_on_symbian_java_and_brew_phones_is_uc(detector):
    for ua in (
        "Mozilla/5.0 (SonyEricssonU5i)UC AppleWebkit(like Gecko) Safari/530",
        "Mozilla/5.0 (Maker-X1/1.0;U;REX/3.0;BREW/3.1.5;240*320;CTC/2.0) Ucweb/7.6",
        "BREW-Applet/0x20068888 (BREW/3.1.5.20; DeviceId: 12345; Lang: zhcn) ucweb-squid",
    ):
        client = detector(ua)
        assert (client.browser, client.caniuse_agent, client.device) == ("uc", "and_uc", "mobile")
        assert client.version == ()


def test_uc_browser_compact_ios_format_is_ios_safari(detector):
    for ua in (
        "dv(iPh12,1);pr(UCBrowser/13.0.1.1200);ov(14_4);ss(414x896);bt(UC);pm(1);",
        "pf(42);la(en-US);dv(iPh4,1);pr(UCBrowser);ov(6_1);ss(320x480);bt(UM);",
        "dv(iPad7,5);pr(UCBrowser/12.1.0.1100);ov(13_3);ss(768x1024);bt(UC);",
    ):
        assert detector(ua).caniuse_agent == "ios_saf", ua


def test_presto_opera_mobile_and_tablet_are_opera_mobile(detector):
    tablet = (
        "Opera/9.80 (Android 4.0.3; Linux; Opera Tablet/ADR-1205181138; U; de) "
        "Presto/2.10.254 Version/12.00"
    )
    assert _facts(detector, tablet)[:2] == ("opera_mobile", "op_mob")
    mobile = (
        "Opera/9.80 (Android 2.3.7; Linux; Opera Mobi/ADR-1111101157; U; en) "
        "Presto/2.9.201 Version/11.50"
    )
    assert _facts(detector, mobile)[:2] == ("opera_mobile", "op_mob")


def test_opera_for_android_tablets_is_opera_mobile_at_its_own_version(detector):
    ua = (
        "Mozilla/5.0 (Linux; Android 11; Slate 10) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/110.0.5481.153 Safari/537.36 OPR/74.1.3922.71199"
    )
    client = detector(ua)
    assert (client.browser, client.version[:1], client.chromium_version[:1]) == (
        "opera_mobile",
        (74,),
        (110,),
    )


def test_lower_cased_user_agents_still_get_an_agent(detector):
    ua = (
        "mozilla/5.0 (windows nt 10.0; win64; x64) applewebkit/537.36 (khtml, like gecko) "
        "chrome/118.0.0.0 safari/537.36"
    )
    assert detector(ua).caniuse_agent == "chrome"


def test_user_agents_mangled_on_the_way_are_read_as_browsers_spell_them(detector):
    # Only the leading token lower-cased (a set-top box's stack), every slash spaced
    # (a translation tool, which also translates "like Gecko").
    assert detector("opera/9.80, Box7 TKC/0.5.20(Maker,Box7_UHD,Wired)").browser == "opera"
    spaced = (
        "Mozilla / 5.0 (Linux; Android 10; Tab 8 Build / QP1A) AppleWebKit / 537.36 "
        "(KHTML, как Gecko) Chrome / 96.0.4664.45 Mobile Safari / 537.36"
    )
    client = detector(spaced)
    assert (client.browser, client.major, client.caniuse_agent) == ("chrome", 96, "and_chr")
    assert client.user_agent == spaced
    # Separators doubled (a log or a hand-written header): "MSIE  6.0" is IE 6.
    doubled = "Mozilla/4.0 (compatible;  MSIE  6.0; Windows NT 5.1)"
    client = detector(doubled)
    assert (client.browser, client.major, client.user_agent) == ("ie", 6, doubled)


def test_firefox_pre_releases_under_their_codenames_are_firefox(detector):
    for ua, major in (
        ("Mozilla/5.0 (X11; U; Linux x86_64; en-US; rv:1.9b5) Gecko GranParadiso/3.0b5", 3),
        (
            "Mozilla/5.0 (Macintosh; U; Intel Mac OS X; en-US; rv:1.8.1b1) Gecko/20060710 "
            "BonEcho/2.0b1",
            2,
        ),
    ):
        assert (detector(ua).browser, detector(ua).major) == ("firefox", major), ua


def test_opera_mini_as_one_word_is_opera_mini(detector):
    ua = (
        "Mozilla/5.0 (SAMSUNG; SAMSUNG-GT-S8500/S8500XXJF8; U; Bada/1.0; fr-fr) "
        "OperaMini/5.1.22460 Mobile HVGA"
    )
    assert _facts(detector, ua)[:2] == ("opera_mini", "op_mini")


def test_chrome_without_version_on_android_is_chrome_but_a_webview_stays_one(detector):
    bare = (
        "Mozilla/5.0 (Linux; Android 9; Tab 8) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/ Safari/537.36"
    )
    assert (detector(bare).browser, detector(bare).version) == ("chrome", ())
    webview = bare.replace("Chrome/", "Version/4.0 Chrome/")
    assert detector(webview).browser != "chrome"


def test_android_that_says_desktop_stays_android_on_a_desktop(detector):
    ua = (
        "Mozilla/5.0 (Linux; Android 13; Desktop) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.6099.43 Safari/537.36"
    )
    assert _facts(detector, ua)[2:] == ("android", (13,), "desktop")
    # "Desktop" inside a model name is not desktop mode.
    assert detector(ua.replace("Desktop", "DesktopPal 7")).device != "desktop"


def test_a_chromebook_with_an_android_token_is_chromeos(detector):
    ua = (
        "Mozilla/5.0 (Linux; Android 11; Maker Chromebook 14) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/114.0.5735.196 Safari/537.36"
    )
    assert _facts(detector, ua)[2:] == ("chromeos", (), "desktop")


# --- Other classes the third-party fixtures showed. ---------------------------------------


def test_edgehtml_on_windows_10_mobile_is_edge_legacy(detector):
    ua = (
        "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Maker; Lumen 9) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/14.14393"
    )
    assert _facts(detector, ua)[:2] == ("edge_legacy", "edge")
    assert detector(ua).caniuse_version == (14,)


def test_kaios_firefox_is_the_kaios_browser(detector):
    ua = "Mozilla/5.0 (Mobile; FlipPhone_4G; rv:84.0) Gecko/84.0 Firefox/84.0 KAIOS/3.1"
    client = detector(ua)
    assert (client.caniuse_agent, client.caniuse_version, client.os) == ("kaios", (3, 1), "kaios")


def test_old_uc_browser_for_android_is_uc(detector):
    ua = (
        "Mozilla/5.0 (Linux; U; Android 4.0.4; en-us; Slate Build/IMM76D) UC AppleWebKit/534.31 "
        "(KHTML, like Gecko) Mobile Safari/534.31"
    )
    assert detector(ua).caniuse_agent == "and_uc"


def test_fire_tv_chromium_token_is_a_chromium_browser(detector):
    client = detector("smarttv_AFTXYZ_Build_1234567_Chromium_108.0.5359.160")
    assert (client.browser, client.caniuse_agent, client.caniuse_version, client.is_bot) == (
        "chromium",
        "chrome",
        (108,),
        False,
    )


def test_the_wap_era_android_forms_are_the_android_browser(detector):
    for ua in (
        "Phone7_TD/1.0 Linux/3.4.5 Android/4.1.2 Release/03.14.2013 Browser/1.0 "
        "Profile/MIDP-1.0 Configuration/CLDC-1.0",
        "Phone8/1.0 Linux/3.4.5 Android/4.2.2 Browser/AppleWebKit534.30 Profile/MIDP-1.0",
    ):
        assert _facts(detector, ua)[:3] == ("android", "android", "android"), ua
    with_chrome = (
        "Phone9/2.0 Linux/3.10 Android/6.0 Release/01.05.2016 Browser/Chrome46.0.2490.76 "
        "Profile/MIDP-2.0 Configuration/CLDC-1.1"
    )
    assert detector(with_chrome).caniuse_agent == "and_chr"


def test_safari_tokens_on_tizen_or_blackberry_are_no_safari(detector):
    for ua in (
        "Mozilla/5.0 (Linux; Tizen 2.4; SAMSUNG SM-Z200Y) AppleWebKit/537.3 (KHTML, like Gecko)"
        " Version/2.4 Mobile Safari/537.3",
        "Mozilla/5.0 (Linux; Tizen 2.3.2.7; SAMSUNG SM-R720) AppleWebKit/538.1 (KHTML, like"
        " Gecko) Version/2.3.2.7 Mobile Safari/538.1",
    ):
        client = detector(ua)
        assert (client.browser, client.caniuse_agent) == ("unknown", None)
    # Safari on a Mac and on Windows (Safari 3-5.1 ran there) stays Safari.
    windows = (
        "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534.57.2 (KHTML, like Gecko)"
        " Version/5.1.7 Safari/534.57.2"
    )
    assert detector(windows).caniuse_agent == "safari"


def test_safari_never_runs_on_android(detector):
    ua = (
        "Mozilla/5.0 (Linux; U; Android Console 4.1.2; en-us; Console Build/JZO54L) "
        "AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Safari/534.30"
    )
    assert detector(ua).caniuse_agent == "android"


def test_ios_26_frozen_os_token_reports_the_version_it_hides(detector):
    ua = ROWS["ios-26-frozen-os"].example
    assert detector(ua).os_version_frozen
    for frozen in ("18_6", "19_0"):
        client = detector(ua.replace("18_7", frozen))
        assert (client.os_version, client.os_version_frozen) == ((26, 1), True)
    # A real iOS 17 with an (impossible) Version/26 keeps its own, unfrozen version.
    assert detector(ua.replace("18_7", "17_5")).os_version == (17, 5)
    ipad = ua.replace("iPhone; CPU iPhone OS", "iPad; CPU OS").replace("26.1", "26.0.1")
    assert detector(ipad).os_version == (26, 0, 1)


def test_the_version_rows_read_their_own_tokens(detector):
    assert _versions(detector, ROWS["ie-version-from-trident"].example)[0][:1] == (9,)
    # An IE shell: ua-parser says "MyIE2 0" and "Maxthon 2.0", MSIE says IE 6 and 7.
    assert _versions(detector, ROWS["ie-version-from-msie"].example) == ((6, 0), (6,))
    maxthon = "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; Maxthon 2.0)"
    assert _versions(detector, maxthon) == ((7, 0), (7,))
    # Outlook's embedded IE: ua-parser says "Outlook 2010", Trident/7.0 says IE 11.
    outlook = (
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; WOW64; Trident/7.0; .NET4.0C;"
        " Microsoft Outlook 14.0.7113; ms-office; MSOffice 14)"
    )
    assert _versions(detector, outlook) == ((11, 0), (11,))
    assert _versions(detector, ROWS["chromium-version"].example)[0][:1] == (126,)
    assert _versions(detector, ROWS["safari-and-presto-opera-version"].example) == (
        (12, 51),
        (12, 51),
    )


def test_the_docs_list_every_row():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "detection.md").read_text("utf-8")
    for row in FIXUPS:
        short = row.name.rsplit("-", 1)[-1]
        assert f"`{row.name}`" in doc or f"`-{short}`" in doc, row.name


def test_safari_without_version_is_safari_only_on_a_mac(detector):
    # Safari 1 and 2 predate Version/; on a TV the same shape is an embedded WebKit.
    mac = (
        "Mozilla/5.0 (Macintosh; U; PPC Mac OS X 10_4_11; de) AppleWebKit/419.3 "
        "(KHTML, like Gecko) Safari/419.3"
    )
    assert (detector(mac).browser, detector(mac).caniuse_agent) == ("safari", "safari")
    tv = mac.replace("Macintosh; U; PPC Mac OS X 10_4_11", "SMART-TV; Linux armv7l")
    assert detector(tv).browser == "unknown"


def test_dalvik_has_no_caniuse_version_but_the_stock_browser_has_its_android_s(detector):
    # caniuse's "android" versions after 4.4.4 are the WebView's Chromium (142), not
    # Android's: an app's Dalvik client on Android 14 is not 128 versions behind.
    client = detector("Dalvik/2.1.0 (Linux; U; Android 14; SM-S918B Build/UP1A.231005.007)")
    assert (client.version, client.caniuse_agent, client.caniuse_version) == ((), "android", ())
    # The stock browser's WebKit is as old as its Android's, even on Android 6.
    for android in ("4.0.3", "6.0.1"):
        stock = detector(
            f"Mozilla/5.0 (Linux; U; Android {android}; en-us; GT-I9100 Build/IML74K) "
            "AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30"
        )
        expected = tuple(int(part) for part in android.split("."))
        assert (stock.caniuse_agent, stock.caniuse_version) == ("android", expected)


def test_an_ios_app_s_cfnetwork_fetch_has_no_caniuse_version_but_a_web_view_has_ios_s(
    detector,
):
    # An app on iOS 9 fetching through CFNetwork renders nothing: no WebKit to judge.
    client = detector("ShopApp/6.48 CFNetwork/758.2.8 Darwin/15.0.0")
    assert (client.is_bot, client.os, client.os_version[:1]) == (False, "ios", (9,))
    assert (client.caniuse_agent, client.caniuse_version) == ("ios_saf", ())
    # Also when the app is one jreject names (its in-app browser sends another form).
    tiktok = detector("TikTok/131012 CFNetwork/978.0.7 Darwin/18.7.0")
    assert (tiktok.caniuse_agent, tiktok.caniuse_version) == ("ios_saf", ())
    # The same app's web view renders with iOS 9's WebKit.
    view = detector(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 9_3 like Mac OS X) AppleWebKit/601.1.46 "
        "(KHTML, like Gecko) Mobile/13E233"
    )
    assert (view.caniuse_agent, view.caniuse_version) == ("ios_saf", (9, 3))
