"""The visitor sample: exact under its cap, bounded above it, the same however split."""

from __future__ import annotations

import polars as pl
import pytest

from jreject.analyze.sample import VisitorSample


def hashes(n: int, uas: int = 7, seed: int = 1) -> pl.DataFrame:
    frame = pl.DataFrame({"i": range(n)}).select(
        h=pl.col("i").hash(seed=seed), uah=(pl.col("i") % uas).cast(pl.UInt64)
    )
    return frame


def test_exact_while_under_the_cap():
    sample = VisitorSample(cap=1000)
    sample.add(hashes(500))
    sample.add(hashes(500))  # the same visitors again
    assert sample.exact
    assert sample.visitors().get_column("visitors").sum() == 500


def test_bounded_and_approximate_above_the_cap():
    sample = VisitorSample(cap=1000)
    data = hashes(20_000)
    for start in range(0, 20_000, 1000):
        sample.add(data.slice(start, 1000))
    sample.compact()
    assert sample.frame.height <= 1000
    assert not sample.exact
    estimate = sample.visitors().get_column("visitors").sum()
    assert estimate == pytest.approx(20_000, rel=0.1)


@pytest.mark.parametrize("parts", [1, 3, 10])
def test_merging_parts_gives_the_sample_of_the_whole(parts):
    whole = VisitorSample(cap=300)
    data = hashes(5000)
    whole.add(data)
    whole.compact()
    merged = VisitorSample(cap=300)
    size = -(-data.height // parts)
    for start in range(0, data.height, size):
        piece = VisitorSample(cap=300)
        piece.add(data.slice(start, size))
        merged.merge(piece)
    assert merged.level == whole.level
    assert merged.frame.sort("h").equals(whole.frame.sort("h"))
