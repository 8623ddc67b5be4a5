from __future__ import annotations

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
    client = fast_detector({"user-agent": CHROME_WIN, "sec-ch-ua": "Microsoft Edge;v=130,,"})
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
