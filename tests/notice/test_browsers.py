from __future__ import annotations

import dataclasses

import pytest

from jreject.detect import detect
from jreject.detect.client import Client
from jreject.notice.browsers import (
    BROWSERS,
    DEFAULT_BROWSERS,
    Advice,
    advise,
    advise_for,
    platform_of,
    suggest,
    validate_browsers,
)


def client(os: str, os_name: str = "", os_version: tuple[int, ...] = (), **kw) -> Client:
    return Client(os=os, os_name=os_name or os, os_version=os_version, **kw)


def ids(c: Client, browsers=DEFAULT_BROWSERS) -> list[str]:
    return [s.id for s in suggest(c, browsers)]


def test_no_safari_on_windows_android_or_linux():
    for os in ("windows", "android", "linux"):
        assert "safari" not in ids(client(os)), os


def test_safari_is_offered_on_a_mac_that_gets_the_current_safari():
    assert "safari" in ids(client("mac", "macOS"))
    assert "safari" in ids(client("mac", "macOS", (14, 8)))
    assert "safari" not in ids(client("mac", "macOS", (13, 7)))


def test_on_ios_every_browser_is_webkit_so_the_advice_is_to_update_ios():
    for os_name, version in (("iOS", (15, 8)), ("iPadOS", (17, 7)), ("iOS", ())):
        advice = advise(client("ios", os_name, version))
        assert advice == Advice("update_os", ()), os_name


CHROMEOS_UA = (
    "Mozilla/5.0 (X11; CrOS x86_64 14526.89.0) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/100.0.4896.133 Safari/537.36"
)


def test_chromeos_is_offered_no_download_chrome_comes_with_the_system():
    # Chrome on ChromeOS updates only with ChromeOS, and google.com/chrome installs
    # nothing there: a Chromebook on an old Chrome is one that no longer updates.
    cros = detect({"User-Agent": CHROMEOS_UA})
    assert platform_of(cros) == "chromeos"
    assert advise(cros) == Advice("too_old", ())
    for browsers in (DEFAULT_BROWSERS, tuple(BROWSERS), ("chrome",)):
        assert advise(cros, browsers) == Advice("too_old", ()), browsers
    assert not [b.id for b in BROWSERS.values() if "chromeos" in b.links]


# A TV's, a console's or a feature phone's own browser: none of our download pages
# installs anything there (Xbox says Windows 10, yet the desktop installers refuse it).
DEVICE_UAS = {
    "Samsung Tizen TV": "Mozilla/5.0 (SMART-TV; LINUX; Tizen 5.0) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/5.0 TV Safari/537.36",
    "LG webOS TV": "Mozilla/5.0 (Web0S; Linux/SmartTV) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/68.0.3440.106 Safari/537.36 WebAppManager",
    "PlayStation 4": "Mozilla/5.0 (PlayStation 4 9.00) AppleWebKit/605.1.15 (KHTML, like Gecko)",
    "Xbox One": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; Xbox; Xbox One) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041",
    "KaiOS": "Mozilla/5.0 (Mobile; Nokia_8110_4G; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5",
    "Windows Phone": "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) "
    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 "
    "Edge/15.15063",
}


@pytest.mark.parametrize("label", DEVICE_UAS)
def test_a_tv_console_or_feature_phone_gets_no_desktop_downloads(label):
    visitor = detect({"User-Agent": DEVICE_UAS[label]})
    for browsers in (DEFAULT_BROWSERS, tuple(BROWSERS)):
        assert advise(visitor, browsers) == Advice("too_old", ()), (label, visitor)


def test_the_device_counts_only_where_the_links_cannot_serve_it():
    # A TV is a TV on any system; a phone or tablet only on a system we have no
    # store link for. Android phones and tablets keep Google Play, a desktop or an
    # unknown device on an unknown system keeps the desktop pages.
    assert advise(client("android", "Android", (14,), device="tv")) == Advice("too_old", ())
    assert advise(client("windows", "Windows", (10,), device="tv")) == Advice("too_old", ())
    for device in ("mobile", "tablet"):
        assert advise(client("kaios", "KaiOS", device=device)) == Advice("too_old", ())
        assert ids(client("android", "Android", (14,), device=device)) == [
            "firefox",
            "chrome",
            "edge",
            "opera",
        ]
    for device in ("desktop", "unknown"):
        visitor = client("freebsd", "FreeBSD", device=device)
        assert ids(visitor) == ["firefox", "chrome", "edge", "opera"], device


def test_update_it_is_said_only_where_the_visitors_own_browser_has_a_current_release():
    # Chrome 139 needs Android 10 (138 was the last for 8 and 9): Chrome 110 on Android 9
    # can be offered Firefox, but "update it" would not reach a current Chrome.
    chrome_android_9 = client("android", "Android", (9,), browser="chrome", device="mobile")
    assert advise(chrome_android_9) == Advice("install", advise(chrome_android_9).browsers)
    assert ids(chrome_android_9) == ["firefox"]
    assert not advise(chrome_android_9).update_browser
    # Safari 26 needs macOS 14: Safari 14 on Big Sur cannot be brought up to date.
    safari_big_sur = client("macos", "macOS", (11, 7, 10), browser="safari", device="desktop")
    assert ids(safari_big_sur) == ["firefox"]
    assert not advise(safari_big_sur).update_browser
    # Where the current release does install, updating is advice to give, whether or
    # not the site lists that browser (Samsung Internet is not in the default list).
    for visitor in (
        client("android", "Android", (14,), browser="chrome", device="mobile"),
        client("android", "Android", (11,), browser="samsung", device="mobile"),
        client("macos", "macOS", (14, 6), browser="safari", device="desktop"),
        client("windows", "Windows", (10,), browser="firefox_esr", device="desktop"),
        client("linux", "Linux", browser="firefox", device="desktop"),
    ):
        assert advise(visitor).update_browser, visitor
    # A browser with no current release (IE, Safari for Windows), an in-app browser,
    # or one we cannot tell.
    for visitor in (
        client("windows", "Windows", (10,), browser="ie", device="desktop"),
        client("android", "Android", (13,), browser="facebook", device="mobile"),
        client("windows", "Windows", (10,), browser="safari", device="desktop"),
        client("windows", "Windows", (10,)),
    ):
        assert advise(visitor).kind == "install", visitor
        assert not advise(visitor).update_browser, visitor


def test_advice_for_a_platform_alone_keeps_update_it():
    # Callers that name no browser (the docs' examples, a site's own code) get the
    # advice they always did.
    assert advise_for("windows", (10,)).update_browser
    assert not advise_for("windows", (10,), browser="ie").update_browser


def test_safari_12_on_mojave_is_told_the_mac_is_too_old():
    # Current Chrome, Edge and Opera need macOS 13, Firefox 10.15, Safari 26 macOS 14.
    assert advise(client("macos", "macOS", (10, 14, 6))) == Advice("too_old", ())


def test_ie6_on_windows_xp_is_not_offered_firefox():
    advice = advise(client("windows", "Windows", (5, 1)))
    assert advice.kind == "too_old"
    assert "firefox" not in [s.id for s in advice.browsers]


def test_a_mac_on_catalina_still_gets_firefox_only():
    assert ids(client("macos", "macOS", (10, 15, 7))) == ["firefox"]


def test_a_frozen_mac_version_rules_nothing_out():
    frozen = dataclasses.replace(client("macos", "macOS", (10, 15, 7)), os_version_frozen=True)
    assert ids(frozen) == ["firefox", "chrome", "edge", "safari", "opera"]


def test_old_android_gets_only_browsers_that_still_install():
    assert ids(client("android", "Android", (9,))) == ["firefox"]
    assert advise(client("android", "Android", (7, 0))).kind == "too_old"
    assert ids(client("android", "Android", (14,))) == ["firefox", "chrome", "edge", "opera"]


def test_a_platform_without_os_requirements_is_not_filtered():
    assert ids(client("linux", "Linux", (5,))) == ["firefox", "chrome", "edge", "opera"]


def test_android_links_go_to_google_play():
    for s in suggest(client("android", "Android"), (*DEFAULT_BROWSERS, "samsung")):
        assert s.url.startswith("https://play.google.com/store/apps/details?id="), s


def test_samsung_internet_only_exists_on_android():
    assert ids(client("android"), ["samsung"]) == ["samsung"]
    assert ids(client("windows"), ["samsung"]) == []


def test_order_and_set_follow_the_configuration():
    assert ids(client("mac"), ["opera", "safari", "firefox"]) == ["opera", "safari", "firefox"]


def test_windows_before_10_gets_no_browser_that_would_not_install():
    assert advise(client("windows", "Windows", (7,))) == Advice("too_old", ())
    assert advise(client("windows", "Windows", (6, 1))) == Advice("too_old", ())
    assert ids(client("windows", "Windows", (10,))) == ["firefox", "chrome", "edge", "opera"]


def test_a_frozen_windows_version_is_not_taken_as_old():
    frozen = dataclasses.replace(client("windows", "Windows", (6, 1)), os_version_frozen=True)
    assert "chrome" in ids(frozen)


@pytest.mark.parametrize(
    ("os", "os_name", "expected"),
    [
        ("unknown", "Mac OS X", "mac"),
        ("macos", "macOS", "mac"),
        ("unknown", "iPadOS", "ios"),
        ("unknown", "Chrome OS", "chromeos"),
        ("unknown", "Ubuntu", "linux"),
        ("unknown", "Unknown OS", "other"),
        ("playstation", "PlayStation", "other"),
    ],
)
def test_platform_accepts_ids_and_display_names(os, os_name, expected):
    assert platform_of(client(os, os_name)) == expected


def test_unknown_platform_gets_desktop_links_without_safari():
    assert ids(client("unknown", "Unknown OS")) == ["firefox", "chrome", "edge", "opera"]


def test_every_link_is_https():
    for browser in BROWSERS.values():
        for url in browser.links.values():
            assert url.startswith("https://"), (browser.id, url)


def test_unknown_browser_id_is_reported_with_position_and_choices():
    with pytest.raises(ValueError, match=r"browsers\[1\] is 'netscape'; expected one of: firefox"):
        validate_browsers(["firefox", "netscape"])


def test_duplicate_browser_id_is_reported():
    with pytest.raises(ValueError, match=r"browsers\[2\] repeats 'chrome'"):
        validate_browsers(["chrome", "edge", "chrome"])


def test_a_single_string_is_not_a_browser_list():
    with pytest.raises(TypeError, match="must be a list of browser ids"):
        validate_browsers("firefox")
