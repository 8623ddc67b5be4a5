"""frame(): the rows every log parser returns, one per line."""

from __future__ import annotations

import pytest

pl = pytest.importorskip("polars")

from jreject.analyze.rows import COLUMNS, frame  # noqa: E402


def test_a_field_the_format_lacks_is_empty_and_the_line_still_read():
    lines = pl.Series("line", ["Mozilla/5.0 (X11)", "   ", None], dtype=pl.String)
    rows = frame(lines, None, None, pl.col("line"))
    assert rows.columns == list(COLUMNS)
    assert rows.get_column("ok").to_list() == [True, False, False]
    assert rows.get_column("blank").to_list() == [False, True, True]
    assert rows.get_column("ip").to_list() == ["", "", ""]


def test_a_field_the_format_has_but_the_line_lacks_makes_it_unread():
    lines = pl.Series("line", ["a", "b"], dtype=pl.String)
    ip = pl.when(pl.col("line") == "a").then(pl.lit("203.0.113.9"))
    rows = frame(lines, ip, None, pl.col("line"))
    assert rows.get_column("ok").to_list() == [True, False]
    assert rows.get_column("ip").to_list() == ["203.0.113.9", ""]


def test_the_day_comes_from_epoch_seconds_or_milliseconds_or_a_written_date():
    times = ["1709251200", "1709251200000", "2024-03-01T10:00:00Z", "01/Mar/2024:10:00:00", "?"]
    lines = pl.Series("line", times, dtype=pl.String)
    rows = frame(lines, None, pl.col("line"), pl.lit("ua"))
    assert rows.get_column("day").to_list() == [
        "2024-03-01",
        "2024-03-01",
        "2024-03-01",
        "01/Mar/2024",
        "",
    ]
    assert rows.get_column("ok").to_list() == [True, True, True, True, False]
