"""Logs with named columns: CSV/TSV (a header row) and W3C extended logs (``#Fields``).

Both keep state across batches (the header, the latest ``#Fields`` line), so one
parser reads one log from its start.
"""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING

from jreject.analyze.formats import FormatError, LogFormat
from jreject.analyze.rows import frame

if TYPE_CHECKING:
    import polars as pl

__all__ = ["DelimitedParser", "W3CParser"]


class DelimitedParser:
    """CSV/TSV: the first line names the columns; quoting as the ``csv`` module reads it.

    A quoted field that spans lines is not supported (access logs do not write them).
    """

    def __init__(self, fmt: LogFormat) -> None:
        self.fmt = fmt
        self.indexes: tuple[int | None, int | None, int | None] | None = None

    def __call__(self, lines: pl.Series) -> pl.DataFrame:
        import polars as pl

        texts = lines.to_list()
        values: dict[str, list[str | None]] = {"ip": [], "time": [], "ua": []}
        sep = self.fmt.separator
        for number, text in enumerate(texts):
            if self.indexes is None and text and text.strip():
                self.indexes = self._header(_split(text, sep))
                texts[number] = None  # the header is not a request
            row = _split(text, sep) if text else []
            indexes = self.indexes or (None, None, None)
            for key, index in zip(("ip", "time", "ua"), indexes, strict=True):
                values[key].append(row[index] if index is not None and index < len(row) else None)
        return frame(
            pl.Series("line", texts, dtype=pl.String),
            pl.lit(pl.Series(values["ip"], dtype=pl.String)) if self.fmt.ip else None,
            pl.lit(pl.Series(values["time"], dtype=pl.String)) if self.fmt.time else None,
            pl.lit(pl.Series(values["ua"], dtype=pl.String)),
        )

    def _header(self, columns: list[str]) -> tuple[int | None, int | None, int | None]:
        names = [c.strip() for c in columns]

        def index(name: str | None) -> int | None:
            if name is None:
                return None
            lowered = [n.lower() for n in names]
            if name.lower() in lowered:
                return lowered.index(name.lower())
            return None

        ua = index(self.fmt.ua)
        if ua is None:
            raise FormatError(
                f"the header has no column {self.fmt.ua!r} (columns: {', '.join(names)}): "
                "name the User-Agent column with --ua-field"
            )
        return index(self.fmt.ip), index(self.fmt.time), ua


def _split(text: str, separator: str) -> list[str]:
    try:
        return next(csv.reader([text], delimiter=separator), [])
    except csv.Error:  # a stray carriage return or NUL: the line is malformed
        return []


class W3CParser:
    """W3C extended log (IIS): space-separated columns named by the latest ``#Fields``.

    IIS writes spaces inside a User-Agent as ``+``; they are turned back into spaces.
    """

    def __init__(self, fmt: LogFormat) -> None:
        self.fmt = fmt
        self.fields: list[str] | None = None

    def __call__(self, lines: pl.Series) -> pl.DataFrame:
        import polars as pl

        directives = lines.str.starts_with("#").fill_null(False)
        if not directives.any() and self.fields is not None:
            return self._segment(lines, self.fields)
        frames = []
        start = 0
        positions = directives.arg_true().to_list()
        for position in [*positions, lines.len()]:
            if position > start:
                frames.append(self._segment(lines.slice(start, position - start), self.fields))
            if position < lines.len():
                text = lines[position]
                if text.startswith("#Fields:"):
                    self.fields = text[len("#Fields:") :].split()
                # A directive is neither a request nor malformed: count it as blank.
                frames.append(frame(pl.Series("line", [None], dtype=pl.String), None, None, None))
            start = position + 1
        return pl.concat(frames) if frames else frame(lines, None, None, None)

    def _segment(self, lines: pl.Series, fields: list[str] | None) -> pl.DataFrame:
        import polars as pl

        if fields is None:
            # Data before any #Fields line: nothing says which column is which.
            return frame(lines, None, None, pl.lit(None, dtype=pl.String))
        lowered = [f.lower() for f in fields]
        parts = pl.col("line").str.split(" ")
        width = len(fields)

        def column(name: str | None) -> pl.Expr | None:
            if name is None or name.lower() not in lowered:
                return None
            value = parts.list.get(lowered.index(name.lower()), null_on_oob=True)
            # A row with the wrong number of columns is malformed.
            return pl.when(parts.list.len() == width).then(value)

        ua = column(self.fmt.ua)
        if ua is not None:
            ua = ua.str.replace_all("+", " ", literal=True)
        else:
            ua = pl.lit(None, dtype=pl.String)
        return frame(lines, column(self.fmt.ip), column(self.fmt.time), ua)
