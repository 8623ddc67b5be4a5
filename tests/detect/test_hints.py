from __future__ import annotations

import pytest

from jreject.detect.headers import Headers, detection_key
from jreject.detect.hints import (
    ClientHints,
    hints_from_values,
    is_grease,
    parse_hints,
    parse_version,
)

EDGE = '"Chromium";v="130", "Microsoft Edge";v="130", "Not?A_Brand";v="99"'
EDGE_FULL = (
    '"Chromium";v="130.0.6723.91", "Microsoft Edge";v="130.0.2849.56", "Not?A_Brand";v="99.0.0.0"'
)


@pytest.mark.parametrize(
    "brand",
    [
        " Not A;Brand",  # Chromium ≤ 102: a legacy character in front
        "Not A(Brand",
        "Not/A)Brand",
        "Not_A Brand",
        "Not)A;Brand",
        "Not.A/Brand",
        "Not?A_Brand",
        "Not:A-Brand",
        "Not=A?Brand",
        "Not;A=Brand",
        "Not(A:Brand",
        "Not-A.Brand",
        ";Not A Brand",
    ],
)
def test_grease_brands_are_ignored(brand):
    assert is_grease(brand)
    hints = parse_hints({"sec-ch-ua": f'"{brand}";v="8", "Chromium";v="130"'})
    assert hints is not None
    assert [b.name for b in hints.brands] == ["Chromium"]


@pytest.mark.parametrize(
    "brand", ["Brave", "Google Chrome", "Not a Brand at all", "NotABrand", "Not  A  Brand", "Opera"]
)
def test_real_brands_are_not_grease(brand):
    assert not is_grease(brand)


@pytest.mark.parametrize(
    ("header", "browser", "version"),
    [
        (EDGE, "edge", (130,)),
        ('"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"', "chrome", (131,)),
        ('"Not/A)Brand";v="8", "Chromium";v="126", "Brave";v="126"', "brave", (126,)),
        ('"Opera";v="115", "Chromium";v="130", "Not?A_Brand";v="99"', "opera", (115,)),
        (
            '"Chromium";v="130", "Samsung Internet";v="27.0", "Not A(Brand";v="99"',
            "samsung",
            (27, 0),
        ),
        ('"Chromium";v="128", "YaBrowser";v="24.10", "Not?A_Brand";v="99"', "yandex", (24, 10)),
        ('"Vivaldi";v="7.0", "Chromium";v="130", "Not?A_Brand";v="99"', "vivaldi", (7, 0)),
        (
            '"Android WebView";v="130", "Chromium";v="130", "Not?A_Brand";v="99"',
            "android_webview",
            (130,),
        ),
        ('"Chromium";v="130", "Not?A_Brand";v="99"', "chromium", (130,)),
        ('"Whale";v="3", "Chromium";v="128", "Not?A_Brand";v="99"', "chromium", (3,)),
    ],
)
def test_most_specific_brand_is_picked(header, browser, version):
    hints = parse_hints({"sec-ch-ua": header})
    assert hints is not None
    picked = hints.pick()
    assert picked is not None
    assert (picked[0], picked[1].version) == (browser, version)


def test_full_version_list_gives_full_versions():
    hints = parse_hints({"sec-ch-ua": EDGE, "sec-ch-ua-full-version-list": EDGE_FULL})
    assert hints is not None
    browser, brand, chromium = hints.pick() or (None, None, None)
    assert browser == "edge"
    assert brand.version == (130, 0, 2849, 56)
    assert chromium.version == (130, 0, 6723, 91)


def test_mobile_platform_and_version_are_read():
    hints = parse_hints(
        {
            "sec-ch-ua-mobile": "?1",
            "sec-ch-ua-platform": '"Android"',
            "sec-ch-ua-platform-version": '"14.0.0"',
        }
    )
    assert hints == ClientHints(mobile=True, platform="Android", platform_version=(14, 0, 0))


@pytest.mark.parametrize(
    "headers",
    [
        {"sec-ch-ua": '"Chro\x00mium";v="130"'},
        {"sec-ch-ua": '"Chromium";v=?1'},  # a boolean is no version
        {"sec-ch-ua": '"' + "x" * 100 + '";v="130"'},
        {"sec-ch-ua": "\xff\xfe"},
    ],
)
def test_malformed_brand_lists_are_ignored(headers):
    hints = parse_hints(headers)
    assert hints is not None
    assert hints.brands == ()
    assert hints.pick() is None


@pytest.mark.parametrize(
    ("header", "value"),
    [("sec-ch-ua-mobile", "1"), ("sec-ch-ua-mobile", "?2"), ("sec-ch-ua-platform", "?1")],
)
def test_malformed_items_are_ignored(header, value):
    hints = parse_hints({header: value})
    assert hints is not None
    assert hints.mobile is None
    assert hints.platform is None


def test_no_hints_at_all_is_none():
    assert parse_hints({"user-agent": "x"}) is None


@pytest.mark.parametrize(
    ("text", "version"),
    [("130.0.6723.91", (130, 0, 6723, 91)), ("15", (15,)), ("1.2.3.4.5", (1, 2, 3, 4)), ("x", ())],
)
def test_parse_version(text, version):
    assert parse_version(text) == version


def test_hint_values_in_detection_key_order_read_like_the_headers():
    headers = Headers(
        {
            "Sec-CH-UA": '"Chromium";v="131", "Google Chrome";v="131"',
            "Sec-CH-UA-Mobile": "?1",
            "Sec-CH-UA-Platform": '"Android"',
            "Sec-CH-UA-Platform-Version": '"14.0.0"',
            "Sec-CH-UA-Full-Version-List": '"Chromium";v="131.0.6778.85"',
            "Sec-CH-UA-Model": '"Pixel 8"',
        }
    )
    hints = hints_from_values(*detection_key(headers)[1:-1])
    assert hints == parse_hints(headers)
    assert hints is not None
    assert (hints.mobile, hints.platform, hints.platform_version) == (
        True,
        "Android",
        (14, 0, 0),
    )
    assert hints.full_versions[0].version == (131, 0, 6778, 85)


def test_a_brand_list_sent_as_one_quoted_string_is_read_leniently():
    quoted = '"\\"Chromium\\";v=\\"120.0.1\\", \\"Not_A Brand\\";v=\\"24.0.0.0\\""'
    hints = parse_hints({"sec-ch-ua-full-version-list": quoted})
    assert hints is not None
    assert [(b.name, b.version) for b in hints.full_versions] == [("Chromium", (120, 0, 1))]


def test_opera_mobile_and_webview2_outrank_the_brands_they_also_send():
    mobile = parse_hints({"sec-ch-ua": '"Opera";v="120", "OperaMobile";v="79", "Chromium";v="120"'})
    assert mobile is not None
    assert mobile.pick()[0] == "opera_mobile"  # type: ignore[index]
    webview = parse_hints(
        {"sec-ch-ua": '"Microsoft Edge";v="120", "Microsoft Edge WebView2";v="120"'}
    )
    assert webview is not None
    assert webview.pick()[0] == "edge_webview"  # type: ignore[index]


# --- Issue 11's Client Hints classes, end to end (User-Agent + hints → Client). -----------

CHROME_98_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/98.0.4758.102 Safari/537.36"
)


def _client(**headers: str):
    from jreject.detect.detector import Detector

    return Detector()({key.replace("_", "-"): value for key, value in headers.items()})


def test_opera_is_versioned_by_opr_not_by_the_chromium_version_under_its_brand():
    client = _client(
        user_agent=CHROME_98_UA + " OPR/84.0.4316.21",
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98", "Opera";v="84"',
        sec_ch_ua_full_version_list='" Not A;Brand";v="99.0.0.0", "Chromium";v="98.0.4758.102", '
        '"Opera";v="98.0.4758.102"',
    )
    assert (client.browser, client.version[:2], client.chromium_version[:1]) == (
        "opera",
        (84, 0),
        (98,),
    )


def test_operamobile_wins_over_the_opera_brand_it_also_sends():
    client = _client(
        user_agent="Mozilla/5.0 (Linux; Android 13; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/118.0.0.0 Mobile Safari/537.36 OPR/78.4.4143.75735",
        sec_ch_ua='"OperaMobile";v="78", "Chromium";v="118", "Opera";v="104", "Not=A?Brand";v="99"',
        sec_ch_ua_mobile="?1",
    )
    assert (client.browser, client.version[:1], client.caniuse_agent) == (
        "opera_mobile",
        (78,),
        "op_mob",
    )


def test_brave_browser_brand_is_brave_at_its_chromium_version():
    client = _client(
        user_agent=CHROME_98_UA,
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98", "Brave Browser";v="98"',
    )
    assert (client.browser, client.caniuse_agent, client.caniuse_version) == (
        "brave",
        "chrome",
        (98,),
    )


def test_headlesschrome_brand_is_a_headless_bot():
    client = _client(
        user_agent=CHROME_98_UA,
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98", "HeadlessChrome";v="98"',
    )
    assert (client.is_bot, client.bot_category) == (True, "headless")


def test_edge_webview2_brand_is_webview2_not_edge():
    client = _client(
        user_agent=CHROME_98_UA + " Edg/98.0.1108.56",
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98", "Microsoft Edge";v="98", '
        '"Microsoft Edge WebView2";v="98"',
    )
    assert (client.browser, client.version[:1]) == ("edge_webview", (98,))


def test_a_chromium_only_brand_list_with_a_chrome_user_agent_is_chrome():
    client = _client(
        user_agent=CHROME_98_UA,
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98"',
    )
    assert (client.browser, client.caniuse_agent, client.version[:1]) == ("chrome", "chrome", (98,))


def test_a_full_version_list_sent_as_one_quoted_string_gives_the_full_version():
    client = _client(
        user_agent=CHROME_98_UA,
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98", "Google Chrome";v="98"',
        sec_ch_ua_full_version_list='"\\" Not A;Brand\\";v=\\"99.0.0.0\\", '
        '\\"Chromium\\";v=\\"98.0.4758.109\\", \\"Google Chrome\\";v=\\"98.0.4758.109\\""',
    )
    assert (client.browser, client.version) == ("chrome", (98, 0, 4758, 109))


def test_x_requested_with_an_app_package_is_that_apps_android_webview():
    client = _client(
        user_agent="Mozilla/5.0 (Linux; Android 13; Phone 7) AppleWebKit/537.36 (KHTML, like "
        "Gecko) Chrome/118.0.5993.80 Mobile Safari/537.36",
        x_requested_with="com.example.reader",
    )
    assert (client.browser, client.browser_name, client.caniuse_agent) == (
        "android_webview",
        "com.example.reader",
        "android",
    )


# --- Real-world shapes found in an audit of 2025-2026 captures. ---------------------------

WINDOWS_CHROME_131_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)


@pytest.mark.parametrize(
    "brand",
    [
        '\\Not"A;Brand',  # Chromium 84-85
        '"Not\\A;Brand',  # Chromium 86-88
        'Not;A"Brand',
    ],
)
def test_chromium_85_to_88_grease_with_a_quote_or_backslash_is_grease(brand):
    escaped = brand.replace("\\", "\\\\").replace('"', '\\"')
    hints = parse_hints({"sec-ch-ua": f'"{escaped}";v="99", "Chromium";v="86"'})
    assert hints is not None
    assert ([b.name for b in hints.brands], hints.grease) == (["Chromium"], True)


def test_brand_versions_sent_as_bare_numbers_are_read():
    hints = parse_hints(
        {"sec-ch-ua": '"Microsoft Edge";v=131, "Chromium";v=131, "Not_A Brand";v=24'}
    )
    assert hints is not None
    assert [(b.name, b.version) for b in hints.brands] == [
        ("Microsoft Edge", (131,)),
        ("Chromium", (131,)),
    ]


@pytest.mark.parametrize(
    "header",
    [
        "Chromium;v=130",  # tokens, not strings
        '"Chromium";v="130",',  # a trailing comma
        '"Chromium";v=130',  # an integer version
    ],
)
def test_almost_structured_brand_lists_are_read(header):
    hints = parse_hints({"sec-ch-ua": header})
    assert hints is not None
    assert [(b.name, b.version) for b in hints.brands] == [("Chromium", (130,))]


def test_a_brand_list_without_any_quotes_is_read_leniently():
    hints = parse_hints({"sec-ch-ua": "Brave;v=131, Chromium;v=131, Not_A Brand;v=24"})
    assert hints is not None
    assert ([(b.name, b.version) for b in hints.brands], hints.grease) == (
        [("Brave", (131,)), ("Chromium", (131,))],
        True,
    )


def test_text_that_is_no_brand_list_gives_no_brands():
    hints = parse_hints({"sec-ch-ua": "Mozilla/5.0 (compatible; x)"})
    assert hints is not None
    assert hints.brands == ()


@pytest.mark.parametrize(
    ("platform", "version", "expected"),
    [
        ("Windows", "15.0.0", ("Windows", (15, 0, 0))),  # unquoted: a token, no valid item
        ('"Android"', "13", ("Android", (13,))),  # an integer item
        ('"macOS"', "15.1", ("macOS", (15, 1))),  # a decimal item
    ],
)
def test_unquoted_platform_and_platform_version_are_read(platform, version, expected):
    hints = parse_hints({"sec-ch-ua-platform": platform, "sec-ch-ua-platform-version": version})
    assert hints is not None
    assert (hints.platform, hints.platform_version) == expected


def test_an_unknown_chromium_derivative_is_versioned_by_its_chromium_as_without_hints():
    ua = WINDOWS_CHROME_131_UA.replace("131", "126") + " Whale/3.28.266.14"
    client = _client(
        user_agent=ua,
        sec_ch_ua='"Whale";v="3", "Not-A.Brand";v="8", "Chromium";v="126"',
        sec_ch_ua_platform='"Windows"',
    )
    without_hints = _client(user_agent=ua)
    assert (client.browser, client.browser_name, client.version[:1]) == (
        "chromium",
        "Whale",
        (126,),
    )
    assert (client.browser, client.major) == (without_hints.browser, without_hints.major)


@pytest.mark.parametrize(
    ("ua", "name"),
    [
        (
            "Mozilla/5.0 (Linux; Android 9; KFKAWI) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Silk/98.1.148 like Chrome/98.0.4758.101 Safari/537.36",
            "Amazon Silk",
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Slack/4.41.105 Chrome/98.0.4758.101 Electron/33.2.1 Safari/537.36",
            "Electron",
        ),
    ],
)
def test_chromium_only_hints_keep_the_derivative_the_user_agent_names(ua, name):
    client = _client(user_agent=ua, sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98"')
    assert (client.browser, client.browser_name, client.major, client.engine) == (
        "chromium",
        name,
        98,
        "blink",
    )


@pytest.mark.parametrize(
    "ua",
    [
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
    ],
)
def test_chrome_hints_win_over_a_non_blink_user_agent_they_contradict(ua):
    # Only Blink sends hints: the UA was rewritten (a UA switcher), the renderer is Chrome's.
    client = _client(
        user_agent=ua,
        sec_ch_ua='"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
        sec_ch_ua_mobile="?0",
    )
    assert (client.browser, client.major, client.engine, client.sources.browser) == (
        "chrome",
        131,
        "blink",
        "client-hints",
    )


def test_an_ios_user_agent_keeps_its_browser_whatever_hints_come_with_it():
    client = _client(
        user_agent="Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
        sec_ch_ua='"Google Chrome";v="131", "Chromium";v="131", "Not_A Brand";v="24"',
    )
    assert (client.browser, client.engine) == ("safari", "webkit")


def test_a_full_version_whose_major_contradicts_the_brand_list_is_not_taken():
    # Opera 84 on Chromium 98 puts the Chromium version under "Opera" in the full list;
    # without OPR/ in the User-Agent (none at all here) the brand list's 84 stands.
    client = _client(
        sec_ch_ua='" Not A;Brand";v="99", "Chromium";v="98", "Opera";v="84"',
        sec_ch_ua_full_version_list='" Not A;Brand";v="99.0.0.0", '
        '"Chromium";v="98.0.4758.82", "Opera";v="98.0.4758.82"',
    )
    assert (client.browser, client.version, client.chromium_version) == (
        "opera",
        (84,),
        (98, 0, 4758, 82),
    )


def test_a_full_version_that_refines_the_brand_list_is_taken():
    hints = parse_hints({"sec-ch-ua": EDGE, "sec-ch-ua-full-version-list": EDGE_FULL})
    assert hints is not None
    picked = hints.pick()
    assert picked is not None
    assert picked[1].version == (130, 0, 2849, 56)


@pytest.mark.parametrize(
    "header",
    [
        # The whole list as one quoted string, as some proxies forward it.
        '"\\"Google Chrome\\";v=\\"131\\", \\"Chromium\\";v=\\"131\\", '
        '\\"Not;A=Brand\\";v=\\"24\\""',
        "Google Chrome;v=131, Chromium;v=131, Not)A;Brand;v=24",
        '"Google Chrome";v="131", "Chromium";v="131", " Not A;Brand";v="99",',
    ],
)
def test_a_leniently_read_list_keeps_a_grease_brand_with_a_semicolon(header):
    # GREASE with ";" in it must still count, or a real Chrome looks like one whose
    # hints a tool set (no GREASE): a "Chrome emulation" bot.
    hints = parse_hints({"sec-ch-ua": header})
    assert hints is not None
    assert hints.grease
    assert [b.name for b in hints.brands] == ["Google Chrome", "Chromium"]
    client = _client(user_agent=WINDOWS_CHROME_131_UA, sec_ch_ua=header)
    assert (client.browser, client.major, client.is_bot) == ("chrome", 131, False)


def test_hints_that_claim_ios_are_ignored_as_no_ios_browser_sends_them():
    client = _client(
        user_agent=WINDOWS_CHROME_131_UA,
        sec_ch_ua='"Microsoft Edge";v="125", "Chromium";v="125", "Not.A/Brand";v="24"',
        sec_ch_ua_platform='"iOS"',
        sec_ch_ua_mobile="?1",
    )
    assert (client.browser, client.major, client.os, client.device) == (
        "chrome",
        131,
        "windows",
        "desktop",
    )
    assert client.sources.browser == client.sources.os == "user-agent"
