from __future__ import annotations

import re

import pytest

from jreject.data.regex_syntax import (
    branches,
    group_end,
    required_literal,
    required_literals,
    top_level,
)
from jreject.detect.bots import load_crawler_user_agents


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"Googlebot\/", "googlebot/"),
        (r"S[eE][mM]rushBot", "rushbot"),
        (r"Ahrefs(Bot|SiteAudit)", "ahrefs"),
        (r"(^| )sentry\/", "sentry/"),
        (r"BlogTraffic\/\d\.\d+ Feed-Fetcher", " feed-fetcher"),
        (r"colou?r-scheme", "r-scheme"),
        (r"(?i)^curl$", "curl"),
        (r"Spider[\s\S]*spider\.com", "spider.com"),
        (r"ab\x41defg", "defg"),
        (r"ab{2}cdef", "cdef"),
        (r"[a-z]+bot", "bot"),
    ],
)
def test_required_literal_is_text_every_match_contains(pattern, literal):
    assert required_literal(pattern) == literal


@pytest.mark.parametrize(
    "pattern",
    [
        r"Automaton|Newsify Feed Fetcher",
        r"(?x) foo bar",
        r"a.b",
        r"ab?",
        r"(Bot|Crawler)",
    ],
)
def test_required_literal_gives_up_rather_than_guess(pattern):
    assert required_literal(pattern) is None


def test_verbose_flag_disables_extraction():
    assert required_literal("foo bar", re.VERBOSE) is None


def test_branches_split_only_at_the_top_level():
    assert branches(r"a(b|c)|[|]d|e\|f") == ["a(b|c)", "[|]d", r"e\|f"]


def test_every_literal_of_the_crawler_list_occurs_in_the_instances_it_matches():
    for entry in load_crawler_user_agents():
        pattern = entry["pattern"]
        literals = [required_literal(b) for b in branches(pattern)]
        for ua in entry.get("instances", ()):
            if re.search(pattern, ua):
                assert any(lit is not None and lit in ua.lower() for lit in literals), (
                    pattern,
                    ua,
                )


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        (r"(?:^.?|[^c].|.[^u])(?P<at>bots?)(?:$|[^a-z-])", "bot"),  # a named group, once
        (r"x(?:feedfetch)+y", "feedfetch"),  # one or more: still required
        (r"x(?:feedfetch)?y", None),  # optional
        (r"x(?:feed|fetch)y", None),  # alternatives inside
        (r"(?=lookahead)x", None),  # not text a match consumes
    ],
)
def test_required_text_inside_a_group_that_must_match_once_counts(pattern, literal):
    assert required_literal(pattern) == literal


def test_group_end_is_just_past_the_closing_parenthesis_and_skips_classes():
    assert group_end("(a[)]b)c", 0) == 7


def test_an_unclosed_group_is_an_error_not_the_end_of_the_pattern():
    with pytest.raises(ValueError, match="unbalanced"):
        group_end("((a)", 0)
    assert required_literal("abc((def)") is None
    assert branches("a|(b|c") == ["a", "(b|c"]


def test_the_top_level_walk_takes_escapes_classes_and_groups_whole():
    pattern = r"a\|[|)](b|c)|d"
    assert [pattern[i:end] for i, end in top_level(pattern)] == [
        "a",
        r"\|",
        "[|)]",
        "(b|c)",
        "|",
        "d",
    ]
    # An unclosed class or a trailing backslash ends the pattern, within its length.
    assert list(top_level("a[bc")) == [(0, 1), (1, 4)]
    assert list(top_level("a\\")) == [(0, 1), (1, 2)]


def test_an_unclosed_group_raises_in_the_strict_walk_and_runs_to_the_end_otherwise():
    with pytest.raises(ValueError, match="unbalanced"):
        list(top_level("a|(b|c"))
    assert list(top_level("a|(b|c", strict=False)) == [(0, 1), (1, 2), (2, 6)]


@pytest.mark.parametrize(
    ("pattern", "texts"),
    [
        (r"(Chromium|Chrome)/(\d+)", ("chromium", "chrome")),  # a group that must match
        (r"Opera Mini|Opera Mobi", ("opera mini", "opera mobi")),  # top-level branches
        (r"x(?:feed|fetch)y", ("feed", "fetch")),
        (r"(Bot|Crawler)", ("bot", "crawler")),
        (r"Googlebot\/", ("googlebot/",)),  # one text, as required_literal
        (r"(Zune|BeyondPod) (\d+)", ("zune", "beyondpod")),  # the piece whose shortest is longest
        (r"Opera Mini|Op", None),  # one branch too short to key on
        (r"x(?:feed|fetch)?y", None),  # optional
        (r"(?:a|feedfetch)x", None),  # one alternative too short
        (r"(?x) foo|bar", None),
    ],
)
def test_required_literals_are_texts_one_of_which_every_match_contains(pattern, texts):
    assert required_literals(pattern) == texts


@pytest.mark.parametrize(
    "pattern",
    [r"Googlebot\/", r"S[eE][mM]rushBot", r"(?:^.?|[^c].|.[^u])(?P<at>bots?)(?:$|[^a-z-])"],
)
def test_required_literals_agree_with_required_literal_without_alternatives(pattern):
    assert required_literals(pattern) == (required_literal(pattern),)
