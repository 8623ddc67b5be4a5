from __future__ import annotations

import subprocess
import sys
import time

import pytest

import jreject.detect
from jreject.detect import Detector, Headers, detect
from jreject.detect.client import Sources

CHROME_WIN = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
CHROME_MAC = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Safari/537.36"
)
CHROME_ANDROID = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/130.0.0.0 Mobile Safari/537.36"
)
SAFARI_26_IOS = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1"
)
SAMSUNG = (
    "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
    "SamsungBrowser/27.0 Chrome/125.0.0.0 Mobile Safari/537.36"
)
EDGE_HINTS = {
    "sec-ch-ua": '"Chromium";v="130", "Microsoft Edge";v="130", "Not?A_Brand";v="99"',
    "sec-ch-ua-full-version-list": (
        '"Chromium";v="130.0.6723.91", "Microsoft Edge";v="130.0.2849.56", '
        '"Not?A_Brand";v="99.0.0.0"'
    ),
    "sec-ch-ua-mobile": "?0",
    "sec-ch-ua-platform": '"Windows"',
}


def test_hints_win_over_the_reduced_user_agent(fast_detector):
    client = fast_detector({"User-Agent": CHROME_WIN, **EDGE_HINTS})
    assert client.browser == "edge"
    assert client.version == (130, 0, 2849, 56)
    assert client.chromium_version == (130, 0, 6723, 91)
    assert (client.caniuse_agent, client.caniuse_version) == ("edge", (130,))
    assert client.sources == Sources(
        "client-hints", "client-hints", "client-hints", "user-agent", "client-hints"
    )


def test_brave_is_only_known_from_hints(fast_detector):
    hints = {"sec-ch-ua": '"Brave";v="130", "Chromium";v="130", "Not?A_Brand";v="99"'}
    assert fast_detector(CHROME_WIN).browser == "chrome"
    client = fast_detector({"user-agent": CHROME_WIN, **hints})
    assert (client.browser, client.caniuse_agent, client.caniuse_version) == (
        "brave",
        "chrome",
        (130,),
    )


def test_platform_version_13_or_more_is_windows_11(fast_detector):
    frozen = fast_detector(CHROME_WIN)
    assert (frozen.os_version, frozen.os_version_frozen) == ((10,), True)
    client = fast_detector(
        {
            "user-agent": CHROME_WIN,
            "sec-ch-ua-platform": '"Windows"',
            "sec-ch-ua-platform-version": '"15.0.0"',
        }
    )
    assert (client.os, client.os_version, client.os_version_frozen) == ("windows", (11,), False)
    assert client.sources.os_version == "client-hints"


def test_macos_version_from_hints_replaces_the_frozen_one(fast_detector):
    assert fast_detector(CHROME_MAC).os_version_frozen
    client = fast_detector(
        {
            "user-agent": CHROME_MAC,
            "sec-ch-ua-platform": '"macOS"',
            "sec-ch-ua-platform-version": '"14.5.0"',
        }
    )
    assert (client.os_version, client.os_version_frozen) == ((14, 5, 0), False)


def test_android_tablet_known_from_mobile_hint(fast_detector):
    client = fast_detector(
        {"user-agent": CHROME_ANDROID, "sec-ch-ua-mobile": "?0", "sec-ch-ua-platform": '"Android"'}
    )
    assert client.device == "tablet"
    assert client.sources.device == "client-hints"


def test_reduced_android_user_agent_is_frozen(fast_detector):
    client = fast_detector(CHROME_ANDROID)
    assert (client.os, client.os_version, client.os_version_frozen) == ("android", (10,), True)


def test_safari_26_on_ios_uses_its_safari_version(fast_detector):
    client = fast_detector(SAFARI_26_IOS)
    assert client.version[:2] == (26, 1)
    # iOS 26 freezes the OS token at 18_7: Version/ is the better (lower-bound) OS version.
    assert (client.os_version, client.os_version_frozen) == ((26, 1), True)
    assert (client.caniuse_agent, client.caniuse_version) == ("ios_saf", (26, 1))
    assert client.label == "Safari 26.1"


def test_generic_hints_keep_the_specific_browser_the_user_agent_names(fast_detector):
    hints = {"sec-ch-ua": '"Chromium";v="125", "Not.A/Brand";v="24"', "sec-ch-ua-mobile": "?1"}
    client = fast_detector({"user-agent": SAMSUNG, **hints})
    assert (client.browser, client.version[:1], client.caniuse_agent) == (
        "samsung",
        (27,),
        "samsung",
    )


def test_opera_hint_on_a_phone_is_opera_mobile(fast_detector):
    hints = {
        "sec-ch-ua": '"Opera";v="85", "Chromium";v="130"',
        "sec-ch-ua-mobile": "?1",
        "sec-ch-ua-platform": '"Android"',
    }
    client = fast_detector({"user-agent": CHROME_ANDROID, **hints})
    assert (client.browser, client.caniuse_agent) == ("opera_mobile", "op_mob")


def test_malformed_hints_leave_the_user_agent_in_charge(fast_detector):
    # No version to read, even leniently (an unquoted "Microsoft Edge;v=130" is read).
    client = fast_detector({"user-agent": CHROME_WIN, "sec-ch-ua": "Microsoft Edge;v=,,"})
    assert client.browser == "chrome"
    assert client.sources.browser == "user-agent"


def test_headless_chrome_brand_is_a_bot(fast_detector):
    hints = {"sec-ch-ua": '"HeadlessChrome";v="130", "Chromium";v="130", "Not?A_Brand";v="99"'}
    client = fast_detector({"user-agent": CHROME_WIN, **hints})
    assert (client.is_bot, client.bot_name, client.device) == (True, "HeadlessChrome", "bot")


def test_hints_are_not_applied_to_ios(fast_detector):
    # No iOS browser sends client hints; a proxy adding them must not turn WebKit into Blink.
    client = fast_detector({"user-agent": SAFARI_26_IOS, **EDGE_HINTS})
    assert (client.browser, client.engine) == ("safari", "webkit")


@pytest.mark.parametrize(
    "source",
    [
        CHROME_WIN,
        CHROME_WIN.encode(),
        {"User-Agent": CHROME_WIN},
        {b"user-agent": CHROME_WIN.encode()},
        {"REQUEST_METHOD": "GET", "HTTP_USER_AGENT": CHROME_WIN},
        {"type": "http", "headers": [(b"user-agent", CHROME_WIN.encode())]},
        Headers({"USER-AGENT": CHROME_WIN}),
        [(b"user-agent", CHROME_WIN.encode())],
    ],
    ids=["str", "bytes", "mapping", "bytes-mapping", "environ", "asgi-scope", "headers", "pairs"],
)
def test_every_input_shape_gives_the_same_client(fast_detector, source):
    assert fast_detector(source) == fast_detector(CHROME_WIN)


@pytest.mark.parametrize("source", [None, "", {}, {"user-agent": ""}, b"", "   "])
def test_missing_user_agent_is_unknown(fast_detector, source):
    client = fast_detector(source)
    assert (client.browser, client.is_bot, client.caniuse_agent) == ("unknown", False, None)
    assert client.sources == Sources()


def test_user_agent_is_kept_whole_even_when_truncated_for_parsing(fast_detector):
    ua = CHROME_WIN + " " + "x" * 5000
    client = fast_detector(ua)
    assert client.user_agent == ua
    assert client.browser == "chromium" or client.browser == "chrome"


def test_64_kib_user_agent_is_fast(detector):
    ua = "Mozilla/5.0 (" + "a; " * 22000
    start = time.perf_counter()
    client = detector(ua)
    # Generous bound for loaded CI machines; benchmarks/bench_detect.py measures it.
    assert time.perf_counter() - start < 0.05
    assert client.browser == "unknown"


def test_default_detect_is_built_once_and_shared():
    first = jreject.detect.default_detector()
    assert jreject.detect.default_detector() is first
    assert detect(CHROME_WIN).browser == "chrome"


def test_backend_is_reported(detector):
    assert detector.backend in ("ua-parser-rs", "python")


def test_unknown_resolver_is_a_clear_error():
    with pytest.raises(ValueError, match="resolver must be one of auto, rust, python"):
        Detector(resolver="java")  # type: ignore[arg-type]


def test_extra_bot_patterns_mark_bots(fast_detector):
    detector = Detector(bot_patterns=[r"(?i)acme-monitor"])
    assert detector("ACME-Monitor/1.0").is_bot
    assert not fast_detector(CHROME_WIN).is_bot


def test_sources_are_shared_but_still_equal_by_value(fast_detector):
    first = fast_detector(CHROME_WIN).sources
    assert first == Sources("user-agent", "user-agent", "user-agent", "user-agent", "user-agent")
    assert fast_detector(CHROME_WIN.replace("Chrome/", "Chrome/1")).sources is first


# User-Agent + Client Hints combinations the wild sends, and what they mean.

CHROME_120_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Safari/537.36"
)
OPERA_UA = CHROME_120_UA.replace("Safari/537.36", "Safari/537.36 OPR/106.0.0.0")
OPERA_MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36 OPR/79.0.0.0"
)


def test_opera_takes_its_version_from_opr_not_the_chromium_one_under_its_brand(fast_detector):
    client = fast_detector(
        {
            "user-agent": OPERA_UA,
            "sec-ch-ua": '"Opera";v="120", "Chromium";v="120", "Not_A Brand";v="24"',
            "sec-ch-ua-full-version-list": '"Opera";v="120.0.6099.71", '
            '"Chromium";v="120.0.6099.71", "Not_A Brand";v="24.0.0.0"',
        }
    )
    assert (client.browser, client.version[:1], client.caniuse_version) == (
        "opera",
        (106,),
        (106,),
    )


def test_opera_mobile_brand_wins_over_opera(fast_detector):
    client = fast_detector(
        {
            "user-agent": OPERA_MOBILE_UA,
            "sec-ch-ua": '"Opera";v="120", "OperaMobile";v="79", "Chromium";v="120", '
            '"Not_A Brand";v="24"',
            "sec-ch-ua-mobile": "?1",
        }
    )
    assert (client.browser, client.version[:1], client.caniuse_agent) == (
        "opera_mobile",
        (79,),
        "op_mob",
    )


def test_brave_browser_brand_means_brave(fast_detector):
    client = fast_detector(
        {
            "user-agent": CHROME_120_UA,
            "sec-ch-ua": '"Brave Browser";v="120", "Chromium";v="120", "Not_A Brand";v="24"',
        }
    )
    assert (client.browser, client.caniuse_agent, client.caniuse_version) == (
        "brave",
        "chrome",
        (120,),
    )


def test_headless_chrome_brand_is_a_headless_bot(fast_detector):
    client = fast_detector(
        {
            "user-agent": CHROME_120_UA,
            "sec-ch-ua": '"HeadlessChrome";v="120", "Chromium";v="120", "Not_A Brand";v="24"',
        }
    )
    assert (client.is_bot, client.bot_name, client.bot_category) == (
        True,
        "HeadlessChrome",
        "headless",
    )


def test_edge_webview2_is_webview2_not_edge(fast_detector):
    client = fast_detector(
        {
            "user-agent": CHROME_120_UA.replace("Safari/537.36", "Safari/537.36 Edg/120.0.0.0"),
            "sec-ch-ua": '"Microsoft Edge";v="120", "Chromium";v="120", '
            '"Microsoft Edge WebView2";v="120", "Not_A Brand";v="8"',
        }
    )
    assert (client.browser, client.browser_name) == ("edge_webview", "Microsoft Edge WebView2")
    assert client.version[:1] == (120,)


def test_chromium_only_brands_with_a_chrome_user_agent_are_chrome(fast_detector):
    client = fast_detector(
        {
            "user-agent": CHROME_120_UA,
            "sec-ch-ua": '"Chromium";v="120", "Not_A Brand";v="24"',
            "sec-ch-ua-full-version-list": (
                '"Chromium";v="120.0.6099.71", "Not_A Brand";v="24.0.0.0"'
            ),
        }
    )
    assert (client.browser, client.version, client.caniuse_agent) == (
        "chrome",
        (120, 0, 6099, 71),
        "chrome",
    )


def test_a_chromium_brand_of_another_major_than_the_chrome_user_agent_wins(fast_detector):
    # An extension or a test's user_agent= rewrote the User-Agent, not the hints.
    headers = {
        "user-agent": CHROME_120_UA,
        "sec-ch-ua": '"Chromium";v="131", "Not_A Brand";v="24"',
        "sec-ch-ua-platform": '"Linux"',
    }
    client = fast_detector(headers)
    assert (client.browser, client.version, client.caniuse_version) == ("chrome", (131,), (131,))
    # Of the same major, the User-Agent's longer version stands.
    headers["sec-ch-ua"] = '"Chromium";v="120", "Not_A Brand";v="24"'
    assert fast_detector(headers).version == (120, 0, 0, 0)


def test_a_full_version_list_sent_as_one_quoted_string_is_read(fast_detector):
    client = fast_detector(
        {
            "user-agent": CHROME_120_UA,
            "sec-ch-ua": '"Google Chrome";v="120", "Chromium";v="120", "Not_A Brand";v="24"',
            "sec-ch-ua-full-version-list": '"\\"Google Chrome\\";v=\\"120.0.6099.130\\", '
            '\\"Chromium\\";v=\\"120.0.6099.130\\", \\"Not_A Brand\\";v=\\"24.0.0.0\\""',
        }
    )
    assert (client.browser, client.version) == ("chrome", (120, 0, 6099, 130))


# Bots that pose as old browsers: a modern policy would reject the browser they claim.
OLD_BROWSER_BOTS = {
    "Google Search Console": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
    "Gecko; Google Search Console) Chrome/41.0.2272.118 Safari/537.36",
    "googleweblight": "Mozilla/5.0 (Linux; Android 4.2.1; en-us; Nexus 5 Build/JOP40D) "
    "AppleWebKit/535.19 (KHTML, like Gecko; googleweblight) Chrome/38.0.1025.166 Mobile "
    "Safari/535.19",
    "Google Wireless Transcoder": "Mozilla/5.0 (Linux; U; Android 2.3.4; generic) "
    "AppleWebKit/535.1 (KHTML, like Gecko; Google Wireless Transcoder) Chrome/13.0.782.107 "
    "Mobile Safari/535.1",
    "Baidu Transcoder": "Mozilla/5.0 (Linux; U; Android 4.1.2; zh-cn; Baidu Transcoder) "
    "AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30",
    "Cloudflare Observatory": "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/44.0.2403.157 Safari/537.36 (compatible; Cloudflare Observatory/1.0)",
    "CloudFlare-Diagnostics": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/72.0.3626.121 Safari/537.36 CloudFlare-Diagnostics",
    "DejaClick": "Mozilla/5.0 (Windows NT 6.1; WOW64; rv:33.0) Gecko/20100101 Firefox/33.0 "
    "DejaClick/2.5.0.11",
    "GoogleImageProxy": "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com "
    "GoogleImageProxy)",
    "DoubleVerify": "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/49.0.2623.112 Safari/537.36 DoubleVerify",
    "SiteScanner": "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/49.0.2623.112 Safari/537.36 (compatible; SiteScanner)",
}


@pytest.mark.parametrize("name", OLD_BROWSER_BOTS)
def test_bots_posing_as_old_browsers_are_bots(fast_detector, name):
    client = fast_detector(OLD_BROWSER_BOTS[name])
    assert client.is_bot
    assert client.device == "bot"
    assert client.bot_category is not None


@pytest.mark.parametrize("ua", ["Hello, world", "COMODO DCV", "Report Runner", "SPARK COMMIT: 1"])
def test_long_tail_bots_without_a_browser_token_are_never_a_known_browser(fast_detector, ua):
    client = fast_detector(ua)
    assert client.is_bot or client.caniuse_agent is None


FALSE_BOTS = [
    "Mozilla/5.0 (Linux; Android 6.0; ID bot 53+ Build/MRA58K) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Chrome/92.0.4515.159 Mobile Safari/537.36",
    "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; WOW64; Trident/5.0; Banca Caboto s.p.a.)",
    "Mozilla/5.0 (Windows; U; Windows NT 6.0; en-US) AppleWebKit/533.3 (KHTML, like Gecko) QtWeb "
    "Internet Browser/3.7 http://www.QtWeb.net",
    "Mozilla/5.0 (Macintosh; U; PPC Mac OS X; en-US) AppleWebKit/125.4 (KHTML, like Gecko, "
    "Safari) OmniWeb/v563.15",
    "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; "
    "Microsoft Outlook 14.0.7113; ms-office; MSOffice 14)",
    "Mozilla/5.0 (Linux; Android 9; AFTMM Build/PS7233; wv) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Version/4.0 Chrome/70.0.3538.110 Mobile Safari/537.36 "
    "smarttv_AFTMM_Build_7233_Chromium_70.0.3538.110",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "coc_coc_browser/97.0.190 Chrome/91.0.4472.190 Safari/537.36",
    "Mozilla/5.0 (Linux; Android 14; SM-S918B Build/UP1A.231005.007; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/124.0.6367.123 Mobile Safari/537.36 "
    "CamScanner/4.8.5.2310271827",
]


@pytest.mark.parametrize("ua", FALSE_BOTS)
def test_browsers_that_look_like_bots_are_browsers(fast_detector, ua):
    client = fast_detector(ua)
    assert not client.is_bot, client.bot_name


@pytest.mark.parametrize(
    "ua",
    [
        "mozilla/5.0 (linux; android 9; armor_7) applewebkit/537.36 (khtml, like gecko) "
        "chrome/83.0.4103.106 mobile safari/537.36",
        "mozilla/5.0 (iphone; cpu iphone os 16_6 like mac os x) applewebkit/605.1.15 (khtml, "
        "like gecko) version/16.6 mobile/15e148 safari/604.1",
    ],
)
def test_lower_cased_user_agents_get_an_agent(fast_detector, ua):
    client = fast_detector(ua)
    assert client.caniuse_agent == fast_detector(_recase_for_test(ua)).caniuse_agent
    assert client.caniuse_agent in ("and_chr", "ios_saf")
    assert client.user_agent == ua


def _recase_for_test(ua: str) -> str:
    from jreject.detect.useragent import recased

    return recased(ua)


WEBVIEW_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36"
)


def test_x_requested_with_names_the_app_of_an_android_webview(fast_detector):
    client = fast_detector({"user-agent": WEBVIEW_UA, "x-requested-with": "com.example.shop"})
    assert (client.browser, client.browser_name) == ("android_webview", "com.example.shop")
    assert (client.caniuse_agent, client.caniuse_version) == ("android", (127,))


def test_x_requested_with_from_a_browser_or_a_script_changes_nothing(fast_detector):
    plain = fast_detector(WEBVIEW_UA)
    for value in ("XMLHttpRequest", "com.android.browser", "not a package"):
        client = fast_detector({"user-agent": WEBVIEW_UA, "x-requested-with": value})
        assert client == plain


def test_an_everyday_user_agent_loads_neither_the_bot_matcher_nor_the_hint_parser():
    # Start-up (issue 11): a one-off check of an everyday browser needs neither.
    import subprocess
    import sys

    code = (
        "import sys; from jreject.detect.detector import Detector; "
        f"assert Detector()({CHROME_WIN!r}).browser == 'chrome'; "
        "print(sorted(m for m in ('jreject.detect.bots', 'http_sf', 're2', 'ahocorasick') "
        "if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.stdout.strip() == "[]", done.stderr


def test_the_bot_matcher_loads_when_a_user_agent_needs_it():
    detector = Detector()
    assert detector(
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    ).is_bot
    assert detector("curl/8.5.0").is_bot


def test_own_bot_patterns_are_checked_when_the_detector_is_built():
    with pytest.raises(ValueError, match="not a valid regular expression"):
        Detector(bot_patterns=["(unclosed"])


def test_after_warm_up_a_first_request_loads_nothing_more():
    # A server warms up at start-up so that no visitor pays: not for the rules, nor for
    # the Client Hints parser, nor for Firefox's ESR table.
    script = """
import sys
from jreject.detect.detector import Detector
detector = Detector().warm_up()
before = set(sys.modules)
detector({
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/144.0.0.0 Safari/537.36",
    "Sec-CH-UA": '"Chromium";v="144", "Not(A:Brand";v="24"',
    "Sec-CH-UA-Full-Version-List": '"Chromium";v="144.0.7559.60"',
})
detector("Mozilla/5.0 (X11; Linux x86_64; rv:146.0) Gecko/20100101 Firefox/146.0")
print(sorted(set(sys.modules) - before))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
