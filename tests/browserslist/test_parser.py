from __future__ import annotations

import contextlib
import time

import pytest

from jreject.browserslist import BrowserslistError, browserslist
from jreject.browserslist.parser import parse


def kinds(query):
    return [(c.kind, c.negated, c.compose) for c in parse(query)]


def test_commas_and_or_are_unions_and_is_an_intersection():
    assert kinds("defaults, dead or last 1 version and not ie 11") == [
        ("defaults", False, "or"),
        ("dead", False, "or"),
        ("last_versions", False, "or"),
        ("browser_version", True, "and"),
    ]


def test_keywords_are_case_insensitive_and_need_surrounding_spaces():
    assert kinds("Chrome > 100 AND NOT chrome 120") == [
        ("browser_ray", False, "or"),
        ("browser_version", True, "and"),
    ]
    assert [c.text for c in parse("android 4.4, operamini all")] == ["android 4.4", "operamini all"]


def test_clause_values_are_captured():
    (clause,) = parse(">= 5% in alt-AS")
    assert clause.kind == "popularity_in_place"
    assert clause.values["sign"] == ">="
    assert clause.values["popularity"] == "5"
    assert clause.values["place"] == "alt-AS"


def test_list_entries_are_separate_blocks_unless_one_ends_with_an_operator():
    clauses = parse(["last 2 versions and", "not dead", "ie 11"])
    assert [(c.text, c.compose) for c in clauses] == [
        ("last 2 versions", "or"),
        ("not dead", "and"),
        ("ie 11", "or"),
    ]


def test_spans_point_into_the_query():
    clause = parse("defaults,   last 1 version")[1]
    assert clause.source[clause.span[0] : clause.span[1]] == "last 1 version"


@pytest.mark.parametrize(
    ("query", "reason", "token"),
    [
        (
            "defaults and foo bar",
            "Unknown browser query `foo bar`. "
            "Maybe you are using old Browserslist or made typo in query.",
            "foo bar",
        ),
        ("last 2 versions, (not dead)", "Unknown browser query `(not dead)`.", "(not dead)"),
        ("chrome", "Specify versions in Browserslist query for browser chrome", "chrome"),
        ("not dead", "Write any browsers query (for instance, `defaults`) before `not dead`", None),
        ("safari 99", "Unknown version 99 of safari", "safari 99"),
        ("last 2 foo versions", "Unknown browser foo", "last 2 foo versions"),
        ("> 1% in XX", "Unknown region name `XX`.", "> 1% in XX"),
        ("supports foo-bar", "Unknown feature name `foo-bar`.", "supports foo-bar"),
    ],
)
def test_errors_quote_the_query_and_point_at_the_bad_clause(query, reason, token):
    with pytest.raises(BrowserslistError) as caught:
        browserslist(query)
    error = caught.value
    assert error.reason.startswith(reason)
    assert query in str(error)
    if token is not None:
        start, end = error.span
        assert query[start:end] == token
        caret_line = str(error).splitlines()[-1]
        assert caret_line.index("^") - 2 == start


def test_an_unknown_browser_name_gets_a_did_you_mean():
    with pytest.raises(BrowserslistError) as caught:
        browserslist("last 2 chrom versions")
    assert caught.value.reason == "Unknown browser chrom"  # browserslist's own words
    assert str(caught.value).splitlines()[0] == "Unknown browser chrom (did you mean chrome?)"


def test_an_unknown_browser_far_from_any_name_gets_no_guess():
    with pytest.raises(BrowserslistError) as caught:
        browserslist("last 2 foo versions")
    assert str(caught.value).splitlines()[0] == "Unknown browser foo"


@pytest.mark.parametrize("query", ["defaults and", "last 2 versions or", "defaults,, dead"])
def test_dangling_operators_and_empty_clauses_are_errors(query):
    with pytest.raises(BrowserslistError, match="Unknown browser query"):
        browserslist(query)


def test_an_empty_query_selects_nothing():
    assert browserslist("") == []


RUN = 200_000


@pytest.mark.parametrize(
    "query",
    [
        "ie 11" + " " * RUN + "x, ie 10",
        " " * RUN + "defaults",
        "defaults" + " " * RUN,
        "> 1% in" + "\u00a0" * RUN + "x statsx",
        "cover 50% in" + "\u00a0" * RUN + "x statsx",
    ],
    ids=["inside", "leading", "trailing", "nbsp-in-stats", "nbsp-cover-stats"],
)
def test_a_long_whitespace_run_in_a_clause_resolves_or_fails_in_linear_time(query):
    start = time.perf_counter()
    with contextlib.suppress(BrowserslistError):
        browserslist(query)
    assert time.perf_counter() - start < 2


@pytest.mark.parametrize(
    "query",
    [
        "phantomjs 1\r9",
        "phantomjs 1\n9",
        "phantomjs 2\u20281",
        "phantomjs 2\u20291",
        "extends browserslist-config-acme\u2028x",
    ],
)
def test_a_dot_in_a_query_pattern_does_not_match_a_line_terminator(query):
    with pytest.raises(BrowserslistError, match="Unknown browser query"):
        browserslist(query)


def test_a_dot_in_a_query_pattern_matches_any_other_character():
    assert browserslist("phantomjs 1x9") == ["safari 5"]
    assert browserslist("phantomjs 2\u00a01") == ["safari 6"]


@pytest.mark.parametrize(
    ("queries", "reason"),
    [
        (["defaults", 5], "Got number at index 1."),
        ([["defaults"]], "Got array at index 0."),
        (["defaults", None], "Got null at index 1."),
        (("defaults", True), "Got boolean at index 1."),
        (["defaults", {"a": 1}], "Got object at index 1."),
    ],
)
def test_a_list_entry_that_is_not_a_string_is_an_error_naming_it(queries, reason):
    with pytest.raises(BrowserslistError) as caught:
        browserslist(queries)
    assert caught.value.reason == f"Browser queries must be an array of strings. {reason}"
