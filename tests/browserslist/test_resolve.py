from __future__ import annotations

import math
import re

import pytest

from jreject.browserslist import BrowserslistError, Options, browserslist
from jreject.browserslist._js import js_string, month_shift, parse_float, parse_int, utc_ms
from jreject.data import load, load_runtimes

# 2026-11-30T12:00:00Z, in ms: fixed so "last 1 year" and "baseline" are reproducible.
NOW = 1_796_040_000_000.0


def at(query, **options):
    return browserslist(query, Options(now=NOW, **options))


def test_results_are_sorted_by_agent_then_newest_version_first():
    result = at("ios 15.2-15.3, safari 17.2-17.4, ios_saf 16.0")
    assert result == [
        "ios_saf 16.0",
        "ios_saf 15.2-15.3",
        "safari 17.4",
        "safari 17.3",
        "safari 17.2",
    ]


def test_aliases_are_case_insensitive():
    assert at("iOS 15.2") == at("ios_saf 15.2") == ["ios_saf 15.2-15.3"]
    assert at("ChromeAndroid 157") == ["and_chr 157"]
    assert at("FF ESR") == at("firefox esr") == [f"firefox {load().firefox_esr[0]}"]


def test_ranges_and_rays_compare_as_browserslist_does():
    assert "chrome 101" in at("Chrome > 100")
    assert "chrome 100" not in at("Chrome > 100")
    ios = at("iOS >= 15")
    assert "ios_saf 15.0-15.1" in ios
    assert "ios_saf 14.5-14.8" not in ios
    assert all(b.startswith("ios_saf ") for b in ios)


def test_and_intersects_and_not_removes():
    every = set(at("last 2 versions"))
    assert set(at("last 2 versions and > 1%")) == every & set(at("> 1%"))
    assert set(at("last 2 versions, not chrome > 0")) == {
        b for b in every if not b.startswith("chrome ")
    }


def test_dead_and_defaults_expand_to_browserslist_lists():
    assert "ie 11" in at("dead")
    assert set(at("defaults")) == set(at("> 0.5%, last 2 versions, Firefox ESR, not dead"))


def test_last_years_uses_the_given_clock():
    later = browserslist("last 1 year", Options(now=NOW + 400 * 86_400_000))
    assert set(later) != set(at("last 1 year"))


def test_op_mini_all_matches_anywhere_in_a_clause_like_browserslist():
    assert at("operamini all") == ["op_mini all"]
    assert at("defaults and not op_mini all") == [b for b in at("defaults") if b != "op_mini all"]


def test_mobile_to_desktop_gives_mobile_agents_desktop_versions():
    assert at("and_chr 120", mobile_to_desktop=True) == ["and_chr 120"]
    # caniuse keeps one and_chr version; browserslist then answers with it for any version.
    (only,) = (v.version for v in load().agents["and_chr"].versions)
    assert at("and_chr 120") == [f"and_chr {only}"]


def test_ignore_unknown_versions_drops_them_silently():
    assert at("chrome 999", ignore_unknown_versions=True) == []


def test_electron_queries_resolve_to_the_chrome_they_ship():
    assert at("electron 1.0") == ["chrome 49"]
    assert at("electron 30.1.2") == at("electron 30.1")
    with pytest.raises(BrowserslistError, match="Unknown version 99 of electron"):
        at("electron 99")


def test_node_queries_resolve_to_node_releases():
    (newest_20,) = at("node 20")
    assert newest_20.startswith("node 20.")
    first = next(v for v in load_runtimes()["node"] if v.startswith("20."))
    assert at(f"node {first}") == [f"node {first}"]
    assert all(v.startswith("node ") for v in at("maintained node versions"))
    with pytest.raises(BrowserslistError, match=r"Unknown version 99 of Node\.js"):
        at("node 99")
    assert at("node 99", ignore_unknown_versions=True) == []


def test_current_node_says_it_needs_a_running_node():
    with pytest.raises(BrowserslistError, match=r"running Node\.js"):
        at("current node")


def test_baseline_year_differs_from_widely_available():
    newer = set(at("baseline 2024"))
    older = set(at("baseline 2018"))
    assert newer < older  # a later feature set needs newer browsers


def test_baseline_newly_available_with_a_date_is_rejected():
    with pytest.raises(BrowserslistError, match="newly available with a date"):
        at("baseline newly available on 2024-01-01")


def test_custom_stats_are_read_from_browserslist_stats_json(tmp_path):
    (tmp_path / "browserslist-stats.json").write_text('{"chrome": {"120": 40, "121": 0.5}}')
    assert at("> 10% in my stats", path=str(tmp_path)) == ["chrome 120"]
    with pytest.raises(BrowserslistError, match="Custom usage statistics was not provided"):
        at("> 10% in my stats")


@pytest.mark.parametrize(
    ("stats", "message"),
    [
        ('{"chrome": {"120": "x"}}', "usage of chrome 120 must be a number, got 'x'"),
        ('{"chrome": 5}', "usage of 'chrome' must map versions to shares, got 5"),
        ('{"chrome": {"120": true}}', "usage of chrome 120 must be a number, got True"),
    ],
)
def test_malformed_stats_are_an_error_naming_the_file_and_entry(tmp_path, stats, message):
    path = tmp_path / "stats.json"
    path.write_text(stats)
    with pytest.raises(BrowserslistError, match=f"^{re.escape(str(path))}: {re.escape(message)}$"):
        at("> 1% in my stats", stats=str(path))


def test_js_number_helpers_follow_javascript():
    assert parse_float("15.2-15.3") == 15.2
    assert parse_float("4.4.3-4.4.4") == 4.4
    assert parse_float("TP") != parse_float("TP")  # NaN
    assert parse_int("12abc") == 12
    assert utc_ms(21, 0) == utc_ms(1921, 0)  # two-digit years are 19xx
    assert month_shift(utc_ms(2026, 7, 31), -30) == utc_ms(2024, 2, 2)  # Aug 31 → Mar 2
    assert parse_int("9" * 400) == math.inf
    assert parse_int("9" * 5000) == math.inf
    assert math.isnan(utc_ms(math.inf, 0))
    assert math.isnan(utc_ms(275_761, 0))  # past the last date JavaScript holds
    assert [js_string(v) for v in (28.0, 1e21, 1e-7, 0.5, math.inf)] == [
        "28",
        "1e+21",
        "1e-7",
        "0.5",
        "Infinity",
    ]


N400, N5000 = "9" * 400, "9" * 5000


@pytest.mark.parametrize(
    "query",
    [f"since {N400}", f"since {N5000}", f"since 2020-{N400}", f"since 2020-01-{N400}"],
)
def test_a_date_past_what_javascript_dates_hold_selects_nothing(query):
    assert at(query) == []


@pytest.mark.parametrize(
    ("query", "every"),
    [
        (f"last {N5000} versions", "last 1000 versions"),
        (f"last {N5000} major versions", "last 1000 major versions"),
        (f"last {N5000} chrome versions", "chrome >= 0"),
        (f"last {N5000} chrome major versions", "chrome >= 0"),
        (f"last {N5000} android versions", "android >= 0"),
        (f"last {N5000} node versions", "node >= 0"),
        (f"last {N5000} node major versions", "node >= 0"),
        (f"last {N5000} electron versions", "electron >= 0"),
        (f"last {N5000} electron major versions", "electron >= 0"),
    ],
)
def test_a_huge_last_count_selects_every_version(query, every):
    assert at(query) == at(every)


def test_a_huge_node_bound_compares_as_browserslist_compares_it():
    # compareSemver reads the bound with parseInt twice: Infinity becomes NaN, equal to all.
    releases = at("node >= 0")
    assert at(f"node >= {N400}") == releases
    assert at(f"node < {N400}") == []
    assert at(f"node <= {N400}") == [v for v in releases if v.endswith(".0.0")]
    assert at(f"node 18-{N400}") == at("node >= 18")


def test_a_huge_electron_version_is_reported_as_infinity():
    with pytest.raises(BrowserslistError) as caught:
        at(f"electron {N400}-20")
    assert caught.value.reason == "Unknown version Infinity of electron"


@pytest.mark.parametrize(
    ("queries", "typeof"),
    [(5, "number"), (1.5, "number"), (True, "boolean"), ({"a": 1}, "object"), (len, "function")],
)
def test_queries_of_the_wrong_type_are_named_with_javascript_type_names(queries, typeof):
    with pytest.raises(BrowserslistError) as caught:
        browserslist(queries)
    assert caught.value.reason == f"Browser queries must be an array or string. Got {typeof}."


@pytest.mark.parametrize(
    ("query", "like"),
    [
        ("baseline 02015", "baseline 2015"),
        ("baseline 0", "baseline 2014"),  # 2000: before Baseline, every version
        ("baseline 99", "baseline 2014"),  # 1999
        ("baseline 220", "baseline 2014"),  # the year 220
        ("baseline 1", "baseline 2027"),  # V8 reads "1-12-31" as 12 January 2031
        ("baseline 20230", "baseline 2027"),
        ("baseline 99999", "baseline 2027"),
    ],
)
def test_a_baseline_year_of_other_than_four_digits_is_read_as_a_javascript_date(query, like):
    assert at(query) == at(like) != []


@pytest.mark.parametrize("year", ["13", "31", "275760", "9" * 400])
def test_a_baseline_year_that_is_no_javascript_date_selects_nothing(year):
    assert at(f"baseline {year}") == []
