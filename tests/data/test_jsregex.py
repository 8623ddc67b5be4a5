"""isbot's JavaScript regexes translated for RE2: the same User-Agents match."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jreject.data.jsregex import UntranslatableError, translate
from jreject.detect import bots as detect_bots

# Python's re runs lookarounds of fixed width, so it checks the translation; a
# lookbehind of several words becomes one lookbehind per word there.
TRANSLATED = {
    r"(?<!cam)scan": r"(?<!cam)scan",
    r"(?<! cu)bots?(?:\b|_)": r"(?<! cu)bots?(?:\b|_)",
    r"(?<! channel/|google/)google(?!(?:wv|app|/google| pixel))": (
        r"(?<! channel/)(?<!google/)google(?!(?:wv|app|/google| pixel))"
    ),
    r"(?:^|[^g])news(?!sapphire)": r"(?:^|[^g])news(?!sapphire)",
    r"java(?!;)": r"java(?!;)",
}
_PIECES = [
    "cam", "scan", " cu", "bot", "bots", "_", " ", "channel/", "google/", "google", "wv",
    "app", "/google", " pixel", "pix", "news", "g", "sapphire", "sap", "java", ";", "x",
    "CAM", "Google", "BOT", "ap",
]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=7).map("".join))
def test_translated_lookarounds_match_exactly_what_the_originals_do(text):
    for javascript, python in TRANSLATED.items():
        expected = re.search(python, text, re.IGNORECASE) is not None
        found = detect_bots._compile("(?i)" + translate(javascript)).search(text) is not None
        assert found == expected, (javascript, text)


def test_javascript_class_dashes_are_escaped_for_re2():
    assert translate(r"^[\w\d-.]+$") == r"^[\w\d\-.]+$"
    assert translate(r"[a-z]") == "[a-z]"


@pytest.mark.parametrize(
    "pattern",
    [r"foo(?=bar)", r"(?<=x)foo", r"foo(?!b.r)", r"a(?<!b)c", r"(?<![a-z])foo"],
)
def test_a_lookaround_that_is_not_plain_text_at_an_end_is_refused(pattern):
    with pytest.raises(UntranslatableError):
        translate(pattern)


@pytest.mark.parametrize("pattern", [r"foo(?!bar", r"(?<!x|y"])
def test_unbalanced_parentheses_are_refused_as_untranslatable(pattern):
    with pytest.raises(UntranslatableError, match="unbalanced"):
        translate(pattern)


def test_only_a_lookahead_that_ends_the_pattern_is_spelled_out():
    # "(?!b)" inside a group does not end the pattern at the top level: refused.
    with pytest.raises(UntranslatableError, match="lookaround"):
        translate(r"(a(?!b))c")
    assert translate(r"\(x(?!y)") == r"\(x(?:$|[^y])"
