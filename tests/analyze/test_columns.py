"""Parsing batches of lines into (ok, blank, ip, day, ua) columns."""

from __future__ import annotations

import json

import pytest

from jreject.analyze.columns import COLUMNS, iso_day, make_parser, read_lines
from jreject.analyze.formats import (
    apache_format,
    named_format,
    parse_format,
)
from jreject.analyze.guess import complete

from .logs import CHROME, IE6, combined, parse


def test_read_lines_keeps_blank_lines_and_strips_crlf():
    lines = read_lines(b"a\r\n\r\nb\nlast")
    assert lines.to_list() == ["a", "", "b", "last"] or lines.to_list() == ["a", None, "b", "last"]


def test_read_lines_replaces_invalid_utf8_instead_of_failing():
    assert read_lines(b"caf\xe9 ok\n").to_list() == ["caf\ufffd ok"]


def test_combined_reads_ip_day_and_user_agent():
    (row,) = parse(named_format("combined"), combined("203.0.113.9", "01/Mar/2024", CHROME))
    assert row == {
        "ok": True,
        "blank": False,
        "ip": "203.0.113.9",
        "day": "01/Mar/2024",
        "ua": CHROME,
    }


def test_combined_escaped_quotes_go_through_the_regex_and_keep_their_escapes():
    line = combined("203.0.113.9", "01/Mar/2024", 'Agent \\"quoted\\"', path='/a\\"b')
    (row,) = parse(named_format("combined"), line)
    assert row["ok"]
    assert row["ua"] == 'Agent \\"quoted\\"'


def test_combined_counts_garbage_and_blank_lines_apart():
    text = "\n".join([combined("1.1.1.1", "01/Mar/2024", IE6), "", "garbage", "   "])
    rows = parse(named_format("combined"), text)
    assert [(r["ok"], r["blank"]) for r in rows] == [
        (True, False),
        (False, True),
        (False, False),
        (False, True),
    ]


def test_quick_split_and_regex_agree_on_every_line():
    lines = [
        combined("1.1.1.1", "01/Mar/2024", IE6),
        combined("2.2.2.2", "02/Mar/2024", 'x \\"y\\" z'),
        '3.3.3.3 - frank [03/Mar/2024:10:00:00 +0000] "GET / HTTP/1.0" 200 1 "-" "ua"',
        "broken [line",
    ]
    quick = parse(named_format("combined"), "\n".join(lines))
    regex = parse(
        apache_format(r"%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\""),
        "\n".join(lines),
    )
    assert quick == regex


def test_common_format_has_no_user_agent():
    (row,) = parse(
        named_format("common"), '1.1.1.1 - - [01/Mar/2024:00:00:00 +0000] "GET / HTTP/1.1" 200 9'
    )
    assert row["ok"]
    assert row["ua"] == ""


def test_json_reads_nested_paths_arrays_and_epoch_seconds():
    line = json.dumps(
        {
            "ts": 1709251200.5,
            "request": {"remote_ip": "1.2.3.4", "headers": {"User-Agent": [CHROME]}},
        }
    )
    fmt = parse_format("json", ua="request.headers.User-Agent", ip="request.remote_ip", time="ts")
    (row,) = parse(fmt, line)
    assert (row["ip"], row["day"], row["ua"]) == ("1.2.3.4", "2024-03-01", CHROME)


def test_json_with_iso_time_and_plain_string_fields():
    line = json.dumps({"time": "2024-03-01T10:00:00Z", "remote_addr": "1.2.3.4", "user_agent": IE6})
    (row,) = parse(complete(named_format("json"), [line]), line)
    assert (row["ok"], row["day"], row["ua"]) == (True, "2024-03-01", IE6)


def test_json_line_without_the_field_or_not_json_is_malformed():
    rows = parse(named_format("json"), '{"time": "2024-03-01", "remote_addr": "x"}\nnot json')
    assert [r["ok"] for r in rows] == [False, False]


def test_plain_takes_each_line_as_a_user_agent():
    rows = parse(named_format("plain"), f"{CHROME}\n\n  {IE6}  ")
    assert [r["ua"] for r in rows if r["ok"]] == [CHROME, IE6]


@pytest.mark.parametrize(
    ("day", "iso"),
    [
        ("10/Oct/2023", "2023-10-10"),
        ("2023-10-10", "2023-10-10"),
        ("31/Feb/2023", None),
        ("", None),
    ],
)
def test_iso_day(day, iso):
    assert iso_day(day) == iso


FORMATS_UNDER_FUZZ = [
    named_format("combined"),
    named_format("common"),
    complete(named_format("json"), []),
    parse_format("csv", ua="user_agent"),
    named_format("w3c"),
    named_format("plain"),
    apache_format(r"%h %t \"%{User-Agent}i\""),
]


@pytest.mark.parametrize("fmt", FORMATS_UNDER_FUZZ, ids=lambda f: f.name)
def test_any_bytes_give_one_row_per_line_and_never_an_error(fmt):
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from jreject.analyze.formats import FormatError

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.binary(max_size=80) | st.text(max_size=80).map(str.encode), max_size=8))
    def check(chunks):
        data = b"\n".join(chunk.replace(b"\n", b" ") for chunk in chunks)
        lines = read_lines(data)
        try:
            rows = make_parser(fmt)(lines)
        except FormatError:
            return  # a CSV header without the named column: a message, not a crash
        assert rows.height == lines.len()
        assert rows.columns == list(COLUMNS)

    check()
