from __future__ import annotations

import http_sf
import pytest

from jreject.demo.visitors import (
    GREASE_BRAND,
    Visitor,
    find_visitor,
    latest_major,
    sample_visitors,
)

VISITORS = sample_visitors()
WITH_HINTS = [v for v in VISITORS if v.sends_hints]
WITHOUT_HINTS = [v for v in VISITORS if not v.sends_hints]


def test_keys_are_unique_and_url_safe():
    keys = [v.key for v in VISITORS]
    assert len(keys) == len(set(keys))
    assert all(k.replace("-", "").isalnum() and k == k.lower() for k in keys)


def test_the_brief_s_sample_visitors_are_all_there():
    labels = " | ".join(v.label for v in VISITORS)
    for expected in (
        "Internet Explorer 6",
        "Internet Explorer 11",
        "Safari 12",
        "Chrome 109 on Windows 7",
        "Safari 26 on iOS",
        "Googlebot",
        f"Chrome {latest_major('chrome')}",
        "ESR",
        "Samsung Internet",
    ):
        assert expected in labels


def test_current_chrome_follows_the_bundled_data():
    chrome = find_visitor("chrome")
    assert chrome is not None
    assert f"Chrome/{latest_major('chrome')}.0.0.0" in chrome.user_agent


@pytest.mark.parametrize("who", WITHOUT_HINTS, ids=lambda v: v.key)
def test_browsers_without_client_hints_send_only_a_user_agent(who: Visitor):
    assert who.headers() == {"user-agent": who.user_agent}
    assert who.ua_metadata() is None


@pytest.mark.parametrize("who", WITH_HINTS, ids=lambda v: v.key)
def test_client_hints_are_valid_structured_fields_that_agree_with_the_user_agent(who: Visitor):
    headers = who.headers()
    brands = http_sf.parse(headers["sec-ch-ua"].encode(), tltype="list")
    majors = {item[0]: item[1]["v"] for item in brands}
    assert majors[GREASE_BRAND[0]] == GREASE_BRAND[1]
    for brand, full in who.brands:
        assert majors[brand] == full.split(".")[0]
    full_list = http_sf.parse(headers["sec-ch-ua-full-version-list"].encode(), tltype="list")
    assert {item[0]: item[1]["v"] for item in full_list}[who.brands[0][0]] == who.brands[0][1]
    assert http_sf.parse(headers["sec-ch-ua-platform"].encode(), tltype="item")[0] == who.platform
    assert headers["sec-ch-ua-mobile"] == ("?1" if who.mobile else "?0")
    # The Chromium version in the UA string is the one the hints name.
    chromium = dict(who.brands).get("Chromium")
    if chromium is not None:
        assert f"Chrome/{chromium.split('.')[0]}." in who.user_agent


@pytest.mark.parametrize("who", WITH_HINTS, ids=lambda v: v.key)
def test_devtools_metadata_matches_the_headers(who: Visitor):
    metadata = who.ua_metadata()
    assert metadata is not None
    assert [b["brand"] for b in metadata["brands"]] == [GREASE_BRAND[0]] + [
        b for b, _ in who.brands
    ]
    assert metadata["fullVersionList"][1]["version"] == who.brands[0][1]
    assert metadata["platform"] == who.platform
    assert metadata["mobile"] is who.mobile


def test_quotes_in_hint_values_are_escaped_as_sf_strings():
    odd = Visitor("odd", "Odd", "UA", brands=(('Say "hi"\\', "1.0"),), platform="X")
    value = odd.headers()["sec-ch-ua"]
    parsed = http_sf.parse(value.encode(), tltype="list")
    assert parsed[1][0] == 'Say "hi"\\'


def test_unknown_or_missing_keys_find_nobody():
    assert find_visitor(None) is None
    assert find_visitor("") is None
    assert find_visitor("netscape4") is None
    assert find_visitor("ie6") is VISITORS[0]


def test_latest_major_of_an_agent_missing_from_the_data_raises():
    with pytest.raises(KeyError):
        latest_major("mosaic")
