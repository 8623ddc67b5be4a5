from __future__ import annotations

import pytest

from jreject.detect.platforms import Platform, device_from_ua, scan_platform, version_tuple


@pytest.mark.parametrize(
    ("ua", "platform"),
    [
        ("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", Platform("windows", (10,), True)),
        ("Mozilla/5.0 (Windows NT 6.1; WOW64)", Platform("windows", (7,))),
        ("Mozilla/5.0 (Windows NT 6.3)", Platform("windows", (8, 1))),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7)", Platform("macos", (10, 15, 7), True)),
        ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6)", Platform("macos", (10, 14, 6))),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X)", Platform("ios", (18, 7), True)),
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)", Platform("ios", (17, 5))),
        ("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X)", Platform("ipados", (16, 6))),
        ("Mozilla/5.0 (Linux; Android 10; K)", Platform("android", (10,), True)),
        ("Mozilla/5.0 (Linux; Android 14; Pixel 8)", Platform("android", (14,))),
        ("Mozilla/5.0 (X11; CrOS x86_64 14541.0.0)", Platform("chromeos")),
        ("Mozilla/5.0 (X11; Linux x86_64)", Platform("linux")),
        ("Mozilla/5.0 (Mobile; LYF/F300B; Android; rv:48.0) KAIOS/2.5", Platform("kaios", (2, 5))),
        (
            "Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM) like iPhone OS 7_0_3",
            Platform("windows_phone", (8, 1)),
        ),
        ("Mozilla/5.0 (Phone; OpenHarmony 5.0)", Platform("harmonyos", (5, 0))),
        ("Mozilla/5.0 (Linux; HarmonyOS 4.2.1; ALN-AL00)", Platform("harmonyos", (4, 2, 1))),
        ("Mozilla/5.0 (Web0S; Linux/SmartTV) Windows NT 10.0", Platform("webos")),
        ("Mozilla/5.0 (webOS/1.4.5; U; en-US)", Platform("webos")),
        ("Mozilla/5.0 (hpwOS/3.0.5; U; en-US)", Platform("webos")),
        ("Mozilla/5.0 (iPod touch; CPU iPhone OS 12_5 like Mac OS X)", Platform("ios", (12, 5))),
        ("Mozilla/5.0 (SMART-TV; Linux; Tizen 5.0) AppleWebKit/537.36", Platform("tizen", (5, 0))),
        ("Mozilla/5.0 (BB10; Touch) AppleWebKit/537.35+", Platform("blackberry")),
        ("Mozilla/5.0 (PlayBook; U; RIM Tablet OS 2.1.0)", Platform("blackberry")),
        ("Mozilla/5.0 (X11; FreeBSD amd64; rv:120.0) Gecko/20100101", Platform("freebsd")),
        ("Mozilla/5.0 (Fuchsia) AppleWebKit/537.36", Platform("fuchsia")),
        ("Nokia6600/1.0 (4.09.1) SymbianOS/7.0s Series60/2.0", Platform("symbian")),
        ("Mozilla/5.0 (Series 60; Opera Mini/5.1)", Platform("symbian")),
    ],
)
def test_platform_tokens(ua, platform):
    assert scan_platform(ua) == platform


def test_no_platform_token_is_none():
    assert scan_platform("curl/8.5.0") is None


@pytest.mark.parametrize(
    ("ua", "os", "device"),
    [
        ("(Linux; Android 14; Pixel 8) Mobile Safari", "android", "mobile"),
        ("(Linux; Android 14; SM-X710) Safari", "android", "tablet"),
        ("(Linux; Android 9; AFTKA) Safari", "android", "tv"),
        ("(Macintosh; Intel Mac OS X 10_15_7) Mobile/15E148", "macos", "desktop"),
        ("(Windows NT 10.0; Xbox; Xbox Series X)", "windows", "tv"),
        ("(SMART-TV; Linux; Tizen 6.0)", "tizen", "tv"),
        ("(iPad; CPU OS 17_0 like Mac OS X)", "ipados", "tablet"),
        ("(iPhone; CPU iPhone OS 17_0 like Mac OS X)", "ios", "mobile"),
        ("(BB10; Touch)", "blackberry", "mobile"),
        ("something", "unknown", "unknown"),
        # "TV" and "Tab" count only as whole words.
        ("(Linux; TV) AppleWebKit/537.36", "linux", "tv"),
        ("(Linux; MyTV) AppleWebKit/537.36", "linux", "desktop"),
        ("(Linux; TVbox) AppleWebKit/537.36", "linux", "desktop"),
        ("(Linux; Galaxy Tab) AppleWebKit/537.36", "linux", "tablet"),
        ("(Linux; Tabby) AppleWebKit/537.36", "linux", "desktop"),
        ("(X11; CrOS x86_64 14541.0.0) Chrome/130.0.0.0", "chromeos", "desktop"),
    ],
)
def test_device_classes(ua, os, device):
    assert device_from_ua(ua, os) == device


@pytest.mark.parametrize(
    ("text", "version"),
    [("10_15_7", (10, 15, 7)), ("4.4.2", (4, 4, 2)), ("5.x", (5,)), ("", ()), (None, ())],
)
def test_version_tuple(text, version):
    assert version_tuple(text) == version


def test_fast_shapes_read_like_the_full_scan():
    from jreject.detect.fastpath import fast_parse
    from jreject.detect.platforms import platform_of_shape

    from .test_fastpath import GENERATED

    for ua in GENERATED:
        fast = fast_parse(ua)
        if fast is not None:
            assert platform_of_shape(fast.platform) == scan_platform(ua), ua
