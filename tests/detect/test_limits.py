from __future__ import annotations

import logging
import time
import tracemalloc

import pytest

from jreject.detect import hints as hints_module
from jreject.detect import limits
from jreject.detect.detector import Detector
from jreject.detect.headers import Headers, detection_key, detection_key_from_scope
from jreject.detect.hints import hints_from_values, parse_hints
from jreject.detect.limits import (
    MAX_BRAND_LIST,
    MAX_BRANDS,
    MAX_HINT_ITEM,
    MAX_USER_AGENT,
    brand_list_fits,
    oversized_counts,
)

CHROME_FULL = (
    '"Google Chrome";v="131.0.6778.86", "Chromium";v="131.0.6778.86", "Not_A Brand";v="24.0.0.0"'
)
EDGE = '"Chromium";v="130", "Microsoft Edge";v="130", "Not?A_Brand";v="99"'


@pytest.fixture(autouse=True)
def fresh_counts(monkeypatch):
    """Each test starts with no oversized header counted or logged."""
    monkeypatch.setattr(limits, "_state", limits._Oversized())


@pytest.mark.parametrize(
    "value",
    [
        EDGE,
        CHROME_FULL,
        '" Not A;Brand";v="99", "Chromium";v="96", "Google Chrome";v="96"',
        '"Opera GX";v="114", "Chromium";v="128", "Not;A=Brand";v="24"',
    ],
)
def test_real_brand_lists_are_within_the_bounds(value):
    assert brand_list_fits(value)
    assert parse_hints({"sec-ch-ua": value}).brands  # type: ignore[union-attr]


def test_a_thousand_members_are_ignored_counted_and_never_parsed(monkeypatch):
    value = ", ".join(f'"b{i}";v="{i}"' for i in range(1000))
    hints_module._item.cache_clear()
    parsed = []
    real_parse = hints_module.http_sf.parse
    monkeypatch.setattr(
        hints_module.http_sf,
        "parse",
        lambda data, **kw: parsed.append(data) or real_parse(data, **kw),
    )
    hints = parse_hints({"sec-ch-ua": value, "sec-ch-ua-platform": '"Windows"'})
    assert hints is not None
    assert hints.brands == ()
    assert hints.platform == "Windows"  # the other hints still count
    assert oversized_counts() == {"sec-ch-ua": 1}
    # http-sf spent ~7 ms on these members; now only the platform item reaches it.
    assert parsed == [b'"Windows"']


@pytest.mark.parametrize(
    "value",
    [
        '"a";v="1", ' * MAX_BRANDS + '"z";v="1"',  # members
        '"Chromium";v="130"' + ";p" * 40,  # parameters
        "(" + " a" * 40 + ")",  # inner-list items
        '"' + "x" * MAX_BRAND_LIST + '";v="1"',  # length
    ],
    ids=["members", "parameters", "inner-list", "length"],
)
def test_each_bound_of_a_brand_list_is_enforced(value):
    assert not brand_list_fits(value)
    assert hints_from_values(None, None, None, None, value).full_versions == ()  # type: ignore[union-attr]
    assert oversized_counts() == {"sec-ch-ua-full-version-list": 1}


@pytest.mark.parametrize(
    "header", ["sec-ch-ua-mobile", "sec-ch-ua-platform", "sec-ch-ua-platform-version"]
)
def test_item_hints_over_their_bound_are_ignored(header):
    values = {"sec-ch-ua-mobile": "?1", "sec-ch-ua-platform": '"Android"'}
    values["sec-ch-ua-platform-version"] = '"14.0.0"'
    hints = parse_hints(values)
    assert hints is not None
    assert (hints.mobile, hints.platform, hints.platform_version) == (True, "Android", (14, 0, 0))
    values[header] = values[header] + ";p" * MAX_HINT_ITEM
    hints = parse_hints(values)
    assert hints is not None
    read = {
        "sec-ch-ua-mobile": hints.mobile,
        "sec-ch-ua-platform": hints.platform,
        "sec-ch-ua-platform-version": hints.platform_version or None,
    }
    assert read[header] is None
    assert oversized_counts() == {header: 1}


def test_distinct_huge_hints_leave_no_memory_behind():
    # 600 distinct 250 KiB values once grew the process by ~125 MiB through the
    # parse caches; a sample of them must now leave (almost) nothing cached.
    detector = Detector()
    ua = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(40):
            huge = f'"b{i}";v="1", ' + "a" * (250 * 1024)
            detector(Headers({"user-agent": ua, "sec-ch-ua": huge}))
        grown = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert grown < 512 * 1024, grown


def test_oversized_headers_are_logged_once_per_interval(caplog):
    value = '"a";v="1", ' * 20
    with caplog.at_level(logging.WARNING, logger="jreject"):
        for _ in range(5):
            parse_hints({"sec-ch-ua": value})
    assert oversized_counts() == {"sec-ch-ua": 5}
    messages = [r for r in caplog.records if "oversized" in r.getMessage()]
    assert len(messages) == 1
    assert "sec-ch-ua" in messages[0].getMessage()
    assert messages[0].jreject_header == "sec-ch-ua"  # type: ignore[attr-defined]


def test_a_long_user_agent_is_cut_not_ignored(fast_detector):
    chrome = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 "
    )
    client = fast_detector(chrome + "x" * (64 * 1024))
    assert client.browser == "chrome"
    assert client.user_agent.startswith(chrome)  # the Client keeps what was sent
    assert oversized_counts() == {"user-agent": 1}
    fast_detector(chrome[: MAX_USER_AGENT - 1])
    assert oversized_counts() == {"user-agent": 1}


def test_thousands_of_repeated_headers_are_joined_in_linear_time():
    pairs = [(b"sec-ch-ua", b'"x";v="1"' * 30)] * 4000
    start = time.perf_counter()
    view = Headers(pairs)
    key = detection_key_from_scope({"type": "http", "headers": pairs})
    elapsed = time.perf_counter() - start
    assert view["sec-ch-ua"] == ", ".join(['"x";v="1"' * 30] * 4000)
    assert key == detection_key(view)
    assert elapsed < 0.05  # joining one at a time copied ~500 MB: seconds


def test_malformed_scope_pairs_are_skipped_not_raised():
    scope = {
        "type": "http",
        "headers": [
            (b"user-agent", b"x"),
            (b"a", b"b", b"c"),
            ([b"list"], b"v"),
            (b"user-agent", b"y"),
        ],
    }
    assert detection_key_from_scope(scope)[0] == "x, y"
