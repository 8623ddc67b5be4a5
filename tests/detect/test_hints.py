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
        {"sec-ch-ua": "Chromium;v=130"},  # a token, not a string: not a brand
        {"sec-ch-ua": '"Chromium";v="130",'},  # trailing comma
        {"sec-ch-ua": '"Chromium";v=130'},  # integer version: not what the spec sends
        {"sec-ch-ua": '"Chro\x00mium";v="130"'},
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
    [("sec-ch-ua-mobile", "1"), ("sec-ch-ua-mobile", "?2"), ("sec-ch-ua-platform", "Windows")],
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
