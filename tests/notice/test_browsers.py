from __future__ import annotations

import dataclasses

import pytest

from jreject.detect.client import Client
from jreject.notice.browsers import (
    BROWSERS,
    DEFAULT_BROWSERS,
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


def test_safari_is_offered_on_mac_and_ios():
    assert "safari" in ids(client("mac", "macOS"))
    assert "safari" in ids(client("ios", "iOS"))


def test_ios_links_go_to_the_app_store_or_apple():
    for s in suggest(client("ios", "iOS")):
        assert s.url.startswith(("https://apps.apple.com/", "https://support.apple.com/")), s


def test_android_links_go_to_google_play():
    for s in suggest(client("android", "Android"), (*DEFAULT_BROWSERS, "samsung")):
        assert s.url.startswith("https://play.google.com/store/apps/details?id="), s


def test_samsung_internet_only_exists_on_android():
    assert ids(client("android"), ["samsung"]) == ["samsung"]
    assert ids(client("windows"), ["samsung"]) == []


def test_order_and_set_follow_the_configuration():
    assert ids(client("mac"), ["opera", "safari", "firefox"]) == ["opera", "safari", "firefox"]


def test_windows_before_10_only_gets_browsers_that_still_install_there():
    assert ids(client("windows", "Windows", (7,))) == ["firefox"]
    assert ids(client("windows", "Windows", (6, 1))) == ["firefox"]
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
