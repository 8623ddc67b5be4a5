from __future__ import annotations

import pytest

from jreject.detect.platforms import (
    Platform,
    device_from_ua,
    platform_of_shape,
    read_platform,
    shape_key,
    version_tuple,
)


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
        ("Mozilla/5.0 (iPhone; CPU iPhone OS 14 like Mac OS X)", Platform("ios", (14,))),
        # A device "like iPhone" is not one.
        ("Mozilla/5.0 (New Nintendo 3DS like iPhone) AppleWebKit/536.30", Platform("unknown")),
        ("Mozilla/5.0 (Librem 5, like iPhone; X11; Linux x86_64)", Platform("linux")),
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
        # "iPad" inside a model name is not an iPad.
        ("UCWEB/2.0 MIDP-2.0; U; en; MyiPad X7 U2/1.0.0 UCBrowser/3.4", Platform("unknown")),
        ("KaiOS Downloader/1.0 KaiOS/3.1", Platform("kaios", (3, 1))),
    ],
)
def test_platform_tokens(ua, platform):
    assert read_platform(ua) == platform


@pytest.mark.parametrize(
    ("ua", "platform"),
    [
        # Apple's network stack: the machine in parentheses tells a Mac from iOS.
        (
            "Safari/7537.78.2 CFNetwork/520.5.3 Darwin/11.4.2 (x86_64) (MacBook3%2C1)",
            Platform("macos", (10, 7, 4)),
        ),
        (
            "Safari5533.22.3 CFNetwork/438.16 Darwin/9.8.0 (Power%20Macintosh)",
            Platform("macos", (10, 5, 8)),
        ),
        ("Mail/3826 CFNetwork/1240.0.4 Darwin/20.5.0 (x86_64)", Platform("macos", (11, 5))),
        # Safari's own fetch names no machine, but "Safari/" (not "MobileSafari/") is
        # the Mac's.
        ("Safari/18615.1.21.11.5 CFNetwork/1406.0.2 Darwin/22.4.0", Platform("macos", (13, 4))),
        ("MobileSafari/8615 CFNetwork/1406.0.2 Darwin/22.4.0", Platform("ios", (16,))),
        ("SomeApp/12 CFNetwork/1496.0.7 Darwin/23.0.0", Platform("ios", (17,))),
        ("SomeApp/12 CFNetwork/3826.500 Darwin/25.0.0", Platform("ios", (26,))),
        ("SomeApp/12 CFNetwork/672.0.8 Darwin/14.0.0", Platform("ios", (7,))),
        ("WatchApp/1 Darwin/24.5.0 (Watch7,10; watchOS 11.4)", Platform("unknown")),
        # UC Browser's compact MIDP form.
        (
            "UCWEB/2.0 (MIDP-2.0; U; Adr 9; en-US; Phone_X) U2/1.0.0 UCBrowser/11.1",
            Platform("android", (9,)),
        ),
        (
            "UCWEB/2.0 (iOS; U; iPh OS 6_1; zh-CN; iPh5,2) U2/1.0.0 UCBrowser/9.5",
            Platform("ios", (6, 1)),
        ),
        ("Mozilla/5.0 (S60V5; U; en-us; Phone5250)/UC Browser8.2.0.132", Platform("symbian")),
        # Old and embedded Windows, classic Mac, an app naming iOS.
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows 98; Win 9x 4.90)", Platform("windows", (98,))),
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; IEMobile 7.11)", Platform("windows")),
        ("Office/16.0 (Windows/10.0; Desktop x64; en-US)", Platform("windows", (10,))),
        ("FeedReader/4.5 (http://example.com/; Microsoft Windows)", Platform("windows")),
        ("Mozilla/4.0 (compatible; MSIE 5.0; Mac_PowerPC)", Platform("macos")),
        (
            "PodApp/3.1 (com.example.pod; build:31; iOS 13.1.3) Alamofire/4.9.0",
            Platform("ios", (13, 1, 3)),
        ),
        ("VIZIO D32f ViziOS/1.4.512 Player/1.1", Platform("unknown")),
        # An app's own build after "-iOS/" is no iOS version.
        ("Acme-iOS/665.29827.prod.iphone (2.63.0)", Platform("unknown")),
        ("AcmeApp/2.1 (build 7; iOS 17.4)", Platform("ios", (17, 4))),
        ("Mozilla/5.0 (X11; Linux x86_64)", Platform("linux")),
        # Android firmwares that leave the word out still name their build.
        (
            "Mozilla/5.0 (Linux; U; de-de; GT-I9100 Build/GINGERBREAD) AppleWebKit/533.1 "
            "(KHTML, like Gecko) Version/4.0 Safari/533.1",
            Platform("android"),
        ),
        ("Mozilla/5.0 (X11; U; Linux i686; de-DE; rv:1.9.2) Gecko/20100101", Platform("linux")),
        ("curl/8.5.0", Platform("unknown")),
    ],
)
def test_forms_without_a_platform_comment(ua, platform):
    assert read_platform(ua) == platform


@pytest.mark.parametrize(
    ("ua", "os", "device"),
    [
        ("(Linux; Android 14; Pixel 8) Mobile Safari", "android", "mobile"),
        ("(Linux; Android 14; SM-X710) Safari", "android", "tablet"),
        ("(Linux; Android 9; AFTKA) Safari", "android", "tv"),
        # Android TVs' WebViews say "Mobile Safari" too; phones with a TV tuner say "DTV".
        ("(Linux; Android 9; AFTKA Build/PS7633; wv) Mobile Safari", "android", "tv"),
        ("(Linux; Android 12; Chromecast HD Build/STTE; wv) Mobile Safari", "android", "tv"),
        ("(Linux; Android 10; BRAVIA 4K VH2 Build/QTG3) Mobile Safari", "android", "tv"),
        ("(Linux; Android 7.0; myA9 DTV) Mobile Safari", "android", "mobile"),
        ("(Macintosh; Intel Mac OS X 10_15_7) Mobile/15E148", "macos", "desktop"),
        ("(Windows NT 10.0; Xbox; Xbox Series X)", "windows", "tv"),
        ("(SMART-TV; Linux; Tizen 6.0)", "tizen", "tv"),
        ("(iPad; CPU OS 17_0 like Mac OS X)", "ipados", "tablet"),
        ("(iPhone; CPU iPhone OS 17_0 like Mac OS X)", "ios", "mobile"),
        ("(BB10; Touch)", "blackberry", "mobile"),
        ("(compatible; MSIE 6.0; Windows CE; IEMobile 7.11)", "windows", "mobile"),
        ("something", "unknown", "unknown"),
        # "TV" and "Tab" count only as whole words.
        ("(Linux; TV) AppleWebKit/537.36", "linux", "tv"),
        ("(Linux; MyTV) AppleWebKit/537.36", "linux", "desktop"),
        ("(Linux; TVbox) AppleWebKit/537.36", "linux", "desktop"),
        ("(Linux; Galaxy Tab) AppleWebKit/537.36", "linux", "tablet"),
        ("(Linux; Tabby) AppleWebKit/537.36", "linux", "desktop"),
        ("(X11; CrOS x86_64 14541.0.0) Chrome/130.0.0.0", "chromeos", "desktop"),
        # Feature phones and handhelds that name no OS: a Java profile, a maker, EPOC.
        ("Maker-X1/1.0 Profile/MIDP-2.0 Configuration/CLDC-1.1", "unknown", "mobile"),
        ("(compatible; MSIE 6.0; KYOCERA/WX320K/2) Opera 7.0 [ja]", "unknown", "mobile"),
        ("(compatible; Opera 3.62; EPOC; 640x240)", "unknown", "mobile"),
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
            assert platform_of_shape(fast.platform) == read_platform(ua), ua
            assert platform_of_shape(shape_key(fast.platform)) == read_platform(ua), ua


@pytest.mark.parametrize(
    "model",
    [
        "SM-S918B",
        "SM-S918B Build/UP1A.231005.007",
        "Pixel 8",
        "K",
        "iPhone-like",
        "KAIOS 3",
        "Nokia KaiOS",
    ],
)
@pytest.mark.parametrize("android", ["10", "14", "4.4.2", "9.0.1"])
@pytest.mark.parametrize("head", ["Linux; ", "Linux; U; "])
@pytest.mark.parametrize("locale", ["", "en-us; "])
@pytest.mark.parametrize("wv", ["", "; wv"])
def test_a_shape_key_reads_as_the_whole_comment(head, android, locale, model, wv):
    comment = f"{head}Android {android}; {locale}{model}{wv}"
    assert platform_of_shape(shape_key(comment)) == read_platform(f"({comment})")


def test_shape_keys_share_one_entry_per_android_version_not_per_model():
    assert shape_key("Linux; Android 14; SM-S918B") == shape_key("Linux; Android 14; Pixel 8")
    assert shape_key("Linux; U; Android 4.0.4; en-us; GT-I9300") == "Linux; U; Android 4.0.4"
    assert shape_key("Linux; Android 10; K") == "Linux; Android 10; K"  # the frozen one
    assert shape_key("Windows NT 10.0; Win64; x64") == "Windows NT 10.0; Win64; x64"
