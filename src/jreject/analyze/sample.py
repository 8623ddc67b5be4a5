"""Approximate unique visitors in bounded memory: a distinct sample of (day, IP, UA).

A visitor is an IP address with a User-Agent on one day, so a visitor maps to exactly
one UA and visitors per UA add up. Each (day, IP, UA) is hashed to 64 bits; the sample
keeps the distinct hashes below a threshold, together with the UA's hash. While the
sample holds at most ``cap`` entries the threshold is 2**64 and every count is exact.
When it grows past ``cap``, the threshold halves (level + 1) and the entries above it
are dropped, so at level *k* each visitor is kept with probability 2**-k and a count
is estimated as (entries) × 2**k: Gibbons' *distinct sampling*, whose relative error
for a group with *n* sampled entries is about 1/sqrt(n).

The final level is the smallest at which the whole log's distinct hashes fit in
``cap``, whatever the order lines come in or how the log is split: samples from
separate batches, files or Dask workers merge into exactly the sample one pass gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

__all__ = ["DEFAULT_CAP", "SEED", "VisitorSample"]

#: Entries kept (16 bytes each): exact up to a million visitor-days, ~16 MB at most.
DEFAULT_CAP = 1_000_000
#: Fixed hash seeds, so every process (and Dask worker) hashes alike.
SEED = 0x6A72656A


def _empty() -> pl.DataFrame:
    import polars as pl

    return pl.DataFrame(schema={"h": pl.UInt64, "uah": pl.UInt64})


@dataclass(slots=True)
class VisitorSample:
    """Distinct (day, IP, UA) hashes below ``2**(64 - level)``, at most ``cap`` of them."""

    cap: int = DEFAULT_CAP
    level: int = 0
    frame: pl.DataFrame = field(default_factory=_empty)
    _pending: list[pl.DataFrame] = field(default_factory=list)
    _pending_rows: int = 0

    def add(self, hashes: pl.DataFrame) -> None:
        """Add rows of ``h`` (visitor hash) and ``uah`` (UA hash)."""
        kept = self._below(hashes)
        self._pending.append(kept)
        self._pending_rows += kept.height
        # Deduplicating is a pass over the whole sample: batch it, but only up to half
        # the cap, so the peak (sample + pending + their concatenation) stays near
        # three caps of 16-byte rows (about 50 MB at the default cap).
        if self._pending_rows > max(self.cap // 2, 1):
            self.compact()

    def compact(self) -> None:
        """Fold the pending rows into :attr:`frame`, deduplicated, within ``cap``."""
        import polars as pl

        if not self._pending:
            return
        pending = [self._below(frame) for frame in self._pending]
        self.frame = pl.concat([self.frame, *pending]).unique("h", keep="any")
        self._pending = []
        self._pending_rows = 0
        self._shrink()

    def merge(self, other: VisitorSample) -> None:
        """Add every entry of ``other`` (a sample of another part of the logs)."""
        other.compact()
        self.compact()
        self.level = max(self.level, other.level)
        self.frame = self._below(self.frame)
        self.add(other.frame)
        self.compact()

    def _below(self, frame: pl.DataFrame) -> pl.DataFrame:
        import polars as pl

        if self.level == 0:
            return frame
        return frame.filter(pl.col("h") < (1 << (64 - self.level)))

    def _shrink(self) -> None:
        while self.frame.height > self.cap:
            self.level += 1
            self.frame = self._below(self.frame)

    @property
    def exact(self) -> bool:
        """Whether every visitor was kept (the counts are exact)."""
        self.compact()
        return self.level == 0

    def visitors(self) -> pl.DataFrame:
        """``uah`` → estimated ``visitors``: entries × 2**level, a whole number even when
        approximate."""
        import polars as pl

        self.compact()
        return self.frame.group_by("uah").agg(
            visitors=(pl.len() * (1 << self.level)).cast(pl.Int64)
        )
