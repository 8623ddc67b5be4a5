"""Counting: parsed rows → requests per (day, User-Agent), visitors, malformed lines.

A :class:`Tally` is the whole state of an analysis. Its size grows with the distinct
(day, UA) pairs and the visitor sample's cap, never with the number of lines, and two
tallies of different parts of the logs :meth:`~Tally.merge` into the tally of both:
the local engine folds batches into one, the Dask engine folds partitions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from jreject.analyze.sample import DEFAULT_CAP, SEED, VisitorSample

if TYPE_CHECKING:
    import polars as pl

__all__ = ["MAX_EXAMPLES", "MAX_UA_CHARS", "Example", "Tally", "printable"]

#: Malformed lines kept to show, with their line numbers.
MAX_EXAMPLES = 5
#: Characters of a User-Agent kept as its key: detection reads no further
#: (``jreject.detect.useragent.MAX_UA_LENGTH``), and it bounds memory on junk.
MAX_UA_CHARS = 1024
#: Characters of a malformed line kept to show.
_EXAMPLE_CHARS = 200
#: Batches of per-(day, UA) counts held before they are summed into one table.
_COMPACT_EVERY = 16


@dataclass(frozen=True, slots=True, order=True)
class Example:
    """A malformed line: where it is (``line`` counts from 1) and its start."""

    source: str
    #: The byte offset the counting started from, when a Dask partition began mid-file.
    offset: int
    line: int
    text: str

    @property
    def where(self) -> str:
        """``access.log:12``, or ``access.log:+12 after byte 1048576`` inside a partition."""
        if self.offset:
            return f"{self.source}:+{self.line} after byte {self.offset}"
        return f"{self.source}:{self.line}"


def _empty_counts() -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(schema={"day": pl.String, "uah": pl.UInt64, "requests": pl.UInt64})


def _empty_uas() -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(schema={"uah": pl.UInt64, "ua": pl.String})


@dataclass(slots=True)
class Tally:
    """Everything counted so far."""

    lines: int = 0
    blank: int = 0
    malformed: int = 0
    examples: list[Example] = field(default_factory=list)
    #: Logs that stopped part-way (a truncated gzip), with what was counted of them.
    problems: list[str] = field(default_factory=list)
    #: Requests per (day, UA hash): each User-Agent string is kept once, in :attr:`uas`.
    by_day: pl.DataFrame = field(default_factory=_empty_counts)
    #: The distinct User-Agents, by hash.
    uas: pl.DataFrame = field(default_factory=_empty_uas)
    sample: VisitorSample = field(default_factory=VisitorSample)
    _pending: list[tuple[pl.DataFrame, pl.DataFrame]] = field(default_factory=list)

    @classmethod
    def with_cap(cls, cap: int = DEFAULT_CAP) -> Tally:
        """An empty tally whose visitor sample holds at most ``cap`` entries."""
        return cls(sample=VisitorSample(cap=cap))

    @property
    def counts(self) -> pl.DataFrame:
        """Requests per (``day``, ``ua``), the User-Agent as written in the log."""
        self.compact()
        return self.by_day.join(self.uas, on="uah", how="left").select("day", "ua", "requests")

    @property
    def requests(self) -> int:
        """Lines read as requests."""
        return self.lines - self.blank - self.malformed

    def add(
        self,
        rows: pl.DataFrame,
        lines: pl.Series,
        *,
        source: str,
        first_line: int,
        offset: int = 0,
    ) -> None:
        """Count a parsed batch; ``first_line`` is the line number of its first row."""
        import polars as pl

        # Everything is computed before anything is counted: a Ctrl-C in between (the
        # local engine reports what was counted) must not count a batch's lines
        # without its requests.
        blank = int(rows.get_column("blank").sum())
        ok = rows.get_column("ok")
        bad = rows.height - blank - int(ok.sum())
        good = rows.lazy().filter(pl.col("ok"))
        longest = rows.get_column("ua").str.len_chars().max()
        if isinstance(longest, int) and longest > MAX_UA_CHARS:  # a copy only then
            good = good.with_columns(pl.col("ua").str.slice(0, MAX_UA_CHARS))
        # Grouping on a 64-bit hash is cheaper than on the string, and the string is
        # then kept once per UA rather than once per (day, UA).
        good = good.with_columns(uah=pl.col("ua").hash(seed=SEED))
        counted = good.group_by("day", "uah").agg(requests=pl.len().cast(pl.UInt64))
        distinct = good.select("uah", "ua").unique("uah", keep="any")
        hashed = good.select(h=pl.struct("day", "ip", "ua").hash(seed=SEED), uah="uah").unique(
            "h", keep="any"
        )
        counted_frame, distinct_frame, hashed_frame = pl.collect_all([counted, distinct, hashed])
        examples = self._examples(rows, lines, source, first_line, offset) if bad else None
        self.lines += rows.height
        self.blank += blank
        self.malformed += bad
        if examples is not None:
            self.examples = examples
        self._pending.append((counted_frame, distinct_frame))
        self.sample.add(hashed_frame)
        if len(self._pending) >= _COMPACT_EVERY:
            self.compact()

    def _examples(
        self, rows: pl.DataFrame, lines: pl.Series, source: str, first_line: int, offset: int
    ) -> list[Example]:
        """The examples kept once this batch's malformed lines are added."""
        import polars as pl

        where = (
            rows.with_row_index("i")
            .filter(~pl.col("ok") & ~pl.col("blank"))
            .head(MAX_EXAMPLES)
            .get_column("i")
        )
        found = [
            Example(
                source, offset, first_line + index, printable((lines[index] or "")[:_EXAMPLE_CHARS])
            )
            for index in where.to_list()
        ]
        # The first ones in (source, offset, line) order, however the logs were split.
        return sorted([*self.examples, *found])[:MAX_EXAMPLES]

    def compact(self) -> None:
        """Sum the pending batches into :attr:`counts`."""
        import polars as pl

        self.sample.compact()
        if not self._pending:
            return
        self.by_day = (
            pl.concat([self.by_day, *(counts for counts, _ in self._pending)])
            .group_by("day", "uah")
            .agg(pl.col("requests").sum())
        )
        self.uas = pl.concat([self.uas, *(uas for _, uas in self._pending)]).unique(
            "uah", keep="any"
        )
        self._pending = []

    def merge(self, other: Tally) -> None:
        """Add ``other``'s counts (another batch, file or partition) to this tally."""
        other.compact()
        self.lines += other.lines
        self.blank += other.blank
        self.malformed += other.malformed
        self.examples = sorted([*self.examples, *other.examples])[:MAX_EXAMPLES]
        self.problems = sorted([*self.problems, *other.problems])
        self._pending.append((other.by_day, other.uas))
        self.compact()
        self.sample.merge(other.sample)

    def __getstate__(self) -> dict[str, object]:
        # Pickled to and from Dask workers: send the compacted counts only.
        self.compact()
        return {name: getattr(self, name) for name in self.__slots__ if name != "_pending"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            object.__setattr__(self, name, value)
        self._pending = []


def printable(text: str) -> str:
    """``text`` with its control characters shown as escapes (``\\x1b``), as ``repr`` would:
    a log line's terminal sequences must not recolour or retitle the reader's terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
