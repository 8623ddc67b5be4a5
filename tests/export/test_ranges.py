from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from jreject.export.ranges import intervals, number_pattern


def test_intervals_merge_neighbours():
    assert intervals([5, 3, 4, 9, 10, 1]) == [(1, 1), (3, 5), (9, 10)]


def test_pattern_of_a_range_across_digit_counts():
    assert number_pattern(range(8, 13)) == "[8-9]|1[0-2]"


@given(
    st.sets(st.integers(0, 400), min_size=1, max_size=40),
    st.none() | st.integers(1, 500),
)
def test_pattern_matches_exactly_the_numbers(numbers, open_from):
    regex = re.compile("(?:" + number_pattern(numbers, open_from=open_from) + r")\Z")
    for n in range(0, 1200):
        expected = n in numbers or (open_from is not None and n >= open_from)
        assert bool(regex.match(str(n))) == expected, n
