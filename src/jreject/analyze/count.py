"""Counting one part of one log: read → parse → tally, block by block.

The local engine counts each log as one :class:`Partition` in this process; the Dask
engine (:mod:`jreject.analyze.dask`) hands each partition to a worker. Both call
:func:`count_partition`, so their tallies merge into the same report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jreject.analyze.aggregate import Tally
from jreject.analyze.columns import make_parser, read_lines
from jreject.analyze.formats import LogFormat
from jreject.analyze.read import BLOCK_SIZE, SourceError, blocks, open_source
from jreject.analyze.sample import DEFAULT_CAP

__all__ = ["Partition", "Progress", "count_partition"]

#: Called after each block with (lines in the block, bytes read from storage so far
#: in the current source, the source's name).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class Partition:
    """A part of one log: lines starting in bytes ``[start, end)`` (``end=None``: to EOF).

    ``source`` names the log in the report; ``path``, when given, is where to open it
    (the absolute path a Dask worker in another directory needs).
    """

    source: str
    start: int = 0
    end: int | None = None
    path: str | None = None


def count_partition(
    partition: Partition,
    fmt: LogFormat,
    *,
    cap: int = DEFAULT_CAP,
    block_size: int = BLOCK_SIZE,
    progress: Progress | None = None,
    tally: Tally | None = None,
) -> Tally:
    """Count one partition into ``tally`` (a new one by default) and return it.

    A log that cannot be opened raises :class:`~jreject.analyze.read.SourceError`; one
    that stops part-way (a truncated or corrupt gzip) keeps what was read before, and
    says so in ``tally.problems``.
    """
    tally = tally if tally is not None else Tally.with_cap(cap)
    opened = open_source(partition.path or partition.source)
    parser = make_parser(fmt)
    line = 1
    try:
        ranged = partition.start > 0 or partition.end is not None
        for block in blocks(
            opened.stream,
            block_size,
            start=partition.start if ranged else 0,
            end=partition.end,
        ):
            lines = read_lines(block)
            rows = parser(lines)
            tally.add(rows, lines, source=partition.source, first_line=line, offset=partition.start)
            line += lines.len()
            if progress is not None:
                progress(lines.len(), opened.raw.count, partition.source)
    except SourceError as error:
        where = f" after byte {partition.start}" if partition.start else ""
        tally.problems.append(
            f"{partition.source}: {error}; only its first {line - 1:,} lines{where} were counted"
        )
    finally:
        opened.close()
    return tally
