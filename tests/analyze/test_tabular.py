"""CSV/TSV and W3C extended logs: columns named by a header or a #Fields line."""

from __future__ import annotations

import pytest

from jreject.analyze.formats import named_format, parse_format
from jreject.analyze.guess import complete

from .logs import CHROME, IE6, parse


def test_csv_reads_quoted_fields_with_commas_and_skips_the_header():
    text = 'time,ip,user_agent\n2024-03-01T00:00:00,1.2.3.4,"' + CHROME + '"\nshort'
    rows = parse(complete(parse_format("csv"), text.splitlines()), text)
    assert [r["ok"] for r in rows] == [False, True, False]
    assert rows[0]["blank"]  # the header is not a request
    assert rows[1]["ua"] == CHROME


def test_csv_without_the_named_column_says_which_columns_there_are():
    from jreject.analyze.formats import FormatError

    with pytest.raises(FormatError, match="columns: a, b"):
        parse(parse_format("csv", ua="user_agent"), "a,b\n1,2")


def test_w3c_reads_columns_from_fields_and_follows_a_new_fields_line():
    text = "\n".join(
        [
            "#Fields: date time c-ip cs(User-Agent)",
            "2024-03-01 00:00:01 1.2.3.4 Mozilla/4.0+(compatible;+MSIE+6.0;+Windows+NT+5.1)",
            "#Fields: date c-ip sc-status cs(User-Agent)",
            "2024-03-02 5.6.7.8 200 Agent+Two",
            "2024-03-02 too few",
        ]
    )
    rows = parse(named_format("w3c"), text)
    assert [r["ok"] for r in rows] == [False, True, False, True, False]
    assert rows[1]["ua"] == IE6
    assert (rows[3]["ip"], rows[3]["day"], rows[3]["ua"]) == ("5.6.7.8", "2024-03-02", "Agent Two")
