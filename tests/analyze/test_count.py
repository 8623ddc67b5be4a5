"""count_partition(): one part of one log, read block by block into a tally."""

from __future__ import annotations

from jreject.analyze.count import Partition, count_partition
from jreject.analyze.formats import named_format


def test_count_partition_reads_only_its_byte_range(small_log):
    size = small_log.stat().st_size
    fmt = named_format("combined")
    halves = [
        count_partition(Partition(str(small_log), 0, size // 2), fmt),
        count_partition(Partition(str(small_log), size // 2, size), fmt),
    ]
    whole = count_partition(Partition(str(small_log)), fmt)
    assert sum(t.lines for t in halves) == whole.lines
    assert sum(t.requests for t in halves) == whole.requests
