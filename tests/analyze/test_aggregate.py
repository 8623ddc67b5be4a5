"""Tallies: counts per (day, UA), malformed lines with their numbers, merging."""

from __future__ import annotations

from jreject.analyze.aggregate import MAX_EXAMPLES, MAX_UA_CHARS, Tally
from jreject.analyze.columns import make_parser, read_lines
from jreject.analyze.formats import named_format

from .logs import CHROME, IE6, combined


def tally_of(text: str, *, first_line: int = 1, tally: Tally | None = None) -> Tally:
    tally = tally or Tally()
    lines = read_lines(text.encode())
    tally.add(
        make_parser(named_format("combined"))(lines), lines, source="a.log", first_line=first_line
    )
    tally.compact()
    return tally


def test_counts_requests_per_day_and_user_agent():
    text = "\n".join(
        [
            combined("1.1.1.1", "01/Mar/2024", CHROME),
            combined("1.1.1.1", "01/Mar/2024", CHROME),
            combined("2.2.2.2", "02/Mar/2024", CHROME),
            combined("3.3.3.3", "02/Mar/2024", IE6),
        ]
    )
    tally = tally_of(text)
    assert sorted(tally.counts.rows()) == sorted(
        [("01/Mar/2024", CHROME, 2), ("02/Mar/2024", CHROME, 1), ("02/Mar/2024", IE6, 1)]
    )
    assert tally.requests == 4
    # Visitors: (day, IP, UA) — 1.1.1.1 twice on one day is one visitor.
    assert tally.sample.visitors().get_column("visitors").sum() == 3


def test_malformed_lines_are_counted_and_the_first_kept_with_line_numbers():
    lines = [combined("1.1.1.1", "01/Mar/2024", CHROME)] + [f"junk {i}" for i in range(8)]
    tally = tally_of("\n".join(lines), first_line=101)
    assert tally.malformed == 8
    assert len(tally.examples) == MAX_EXAMPLES
    assert [(e.where, e.text) for e in tally.examples[:2]] == [
        ("a.log:102", "junk 0"),
        ("a.log:103", "junk 1"),
    ]


def test_control_characters_in_examples_are_escaped():
    tally = tally_of("\x00\x1b[31m junk")
    assert tally.examples[0].text == "\\x00\\x1b[31m junk"


def test_huge_user_agents_are_cut_to_what_detection_reads():
    tally = tally_of(combined("1.1.1.1", "01/Mar/2024", "A" * 5000))
    assert tally.counts.get_column("ua").str.len_chars().to_list() == [MAX_UA_CHARS]


def test_merge_adds_counts_and_keeps_the_first_examples():
    first = tally_of(combined("1.1.1.1", "01/Mar/2024", CHROME) + "\nbad")
    second = tally_of(combined("1.1.1.1", "01/Mar/2024", CHROME) + "\nworse", first_line=3)
    first.merge(second)
    assert first.counts.rows() == [("01/Mar/2024", CHROME, 2)]
    assert (first.lines, first.malformed) == (4, 2)
    assert [e.line for e in first.examples] == [2, 4]


def test_a_tally_pickles_compacted_for_dask():
    import pickle

    tally = tally_of(combined("1.1.1.1", "01/Mar/2024", CHROME))
    copy = pickle.loads(pickle.dumps(tally))
    assert copy.counts.equals(tally.counts)
    assert copy.sample.frame.equals(tally.sample.frame)
