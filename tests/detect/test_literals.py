from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jreject.detect._literals import branches, required_literal, trie_regex
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


def test_trie_regex_finds_the_longest_literal_at_a_position():
    trie = re.compile(trie_regex(["bot", "bots", "botify", "abc"]))
    assert [
        trie.match(s) and trie.match(s).group() for s in ["botifyx", "botsx", "bot", "abx"]
    ] == [
        "botify",
        "bots",
        "bot",
        None,
    ]


@given(
    st.sets(st.text(alphabet="abc./", min_size=1, max_size=4), min_size=1, max_size=12),
    st.text(alphabet="abc./", max_size=40),
)
def test_trie_regex_finds_exactly_the_literals_that_start_at_each_position(literals, text):
    trie = re.compile(trie_regex(literals))
    for start in range(len(text) + 1):
        found = trie.match(text, start)
        expected = [lit for lit in literals if text.startswith(lit, start)]
        if not expected:
            assert found is None
        else:
            assert found is not None
            assert found.group() == max(expected, key=len)
