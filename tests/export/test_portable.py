"""``portable``: a bot pattern in the syntax every edge dialect reads alike, or None."""

from __future__ import annotations

import pytest

from jreject.data.regex_syntax import branches
from jreject.export.portable import portable


@pytest.mark.parametrize(
    ("pattern", "written"),
    [
        ("^AcmeUptime/", ("^AcmeUptime/", False)),
        ("(?i)internal-probe", ("internal-probe", True)),
        ("a(?P<name>b)(?<other>c)", ("a(?:b)(?:c)", False)),
        ('say "hi"', ("say \\x22hi\\x22", False)),
        ('\\"\\\\[\\\\"]', ("\\x22\\x5c[\\x5c\\x22]", False)),
        ("v[0-9]{2,}\\.\\d+\\s\\bx\\x41", ("v[0-9]{2,}\\.\\d+\\s\\bx\\x41", False)),
        ("[^)]*\\)", ("[^)]*\\)", False)),
        ("Mozilla%2F\\%", ("Mozilla\\x252F\\x25", False)),
    ],
)
def test_what_every_dialect_reads_alike_is_kept(pattern, written):
    assert portable(pattern) == written


@pytest.mark.parametrize(
    "pattern",
    [
        "(?s)a.b",
        "a(?i)b",
        "(?i:a)b",
        "a(?=b)",
        "(?<!a)b",
        "\\pLbot",
        "\\Abot\\z",
        "[[:alpha:]]bot",
        "[]a]",
        "a{,3}",
        "a{",
        "botté",
        "tab\there",
        "(a)\\1",
    ],
)
def test_what_some_dialect_reads_otherwise_is_refused(pattern):
    assert portable(pattern) is None


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("a|b(?:c|d)|[|]e|\\|f", ["a", "b(?:c|d)", "[|]e", "\\|f"]),
        ("^only$", ["^only$"]),
    ],
)
def test_a_pattern_splits_at_its_top_level_alternatives_only(pattern, expected):
    assert branches(pattern) == expected
