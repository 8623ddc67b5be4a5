"""``--engine dask``: the same counting, one task per log partition, on a Dask cluster.

Each uncompressed log is cut into byte ranges (a line belongs to the range it starts
in); a compressed log is one partition, since gzip, bzip2 and zstd cannot be entered
mid-stream. Each task returns a :class:`~jreject.analyze.aggregate.Tally`; tallies merge
in any order into the tally one local pass gives (sums, and a visitor sample whose
final state does not depend on the split, see :mod:`jreject.analyze.sample`).
Classification then runs once, here, on the distinct User-Agents.

Workers open the logs themselves: give paths every worker can read (a shared file
system) or URLs (``s3://…``, with the fsspec backend installed on the workers).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from jreject.analyze.aggregate import Tally
from jreject.analyze.count import Partition, count_partition
from jreject.analyze.formats import LogFormat
from jreject.analyze.read import BLOCK_SIZE, SourceError, is_compressed, is_url, source_size
from jreject.analyze.sample import DEFAULT_CAP

__all__ = ["PARTITION_SIZE", "count_on_dask", "partitions"]

#: Bytes of uncompressed log per task.
PARTITION_SIZE = 256 * 1024 * 1024


def partitions(sources: Sequence[str], size: int | None = None) -> list[Partition]:
    """The tasks for ``sources``: byte ranges of ``size`` (:data:`PARTITION_SIZE` by
    default) for uncompressed logs."""
    # Read at the call, not bound at import: a caller (or a test) may set PARTITION_SIZE.
    size = size if size is not None else PARTITION_SIZE
    parts: list[Partition] = []
    for source in sources:
        if source == "-":
            raise SourceError("--engine dask cannot read standard input: give files or URLs")
        # Workers run elsewhere (another directory, another machine on a shared file
        # system): a relative path must not depend on their working directory.
        path = source if is_url(source) else os.path.abspath(source)
        total = source_size(path)
        if total is None or total <= size or is_compressed(path):
            parts.append(Partition(source, path=path))
            continue
        parts.extend(
            Partition(source, start, min(start + size, total), path=path)
            for start in range(0, total, size)
        )
    return parts


def count_on_dask(
    sources: Sequence[str],
    fmt: LogFormat,
    *,
    cap: int = DEFAULT_CAP,
    scheduler: Any = None,
    block_size: int = BLOCK_SIZE,
    partition_size: int | None = None,
    tally: Tally | None = None,
) -> Tally:
    """Count ``sources`` on Dask into ``tally`` (a new one by default) and return it.

    ``scheduler`` is an address (``tcp://host:8786``), a ``distributed.Client``, or
    ``None`` for a ``LocalCluster`` with one single-threaded worker per core (polars
    already uses the cores of a worker's machine within a task). On Ctrl-C the tasks
    still running are cancelled and ``tally`` holds the partitions finished until then.
    """
    try:
        from distributed import Client, LocalCluster, as_completed
    except ImportError:
        raise SourceError(
            "--engine dask needs dask.distributed: pip install 'jreject[analyze]'"
        ) from None

    parts = partitions(sources, partition_size)
    owned: list[Any] = []
    if isinstance(scheduler, Client):
        client = scheduler
    elif scheduler:
        try:
            client = Client(scheduler)  # type: ignore[no-untyped-call]
        except (OSError, ValueError, TypeError) as exc:
            # distributed says "Timed out trying to connect…" or "missing port number…".
            raise SourceError(f"cannot connect to the Dask scheduler {scheduler}: {exc}") from None
        owned.append(client)
    else:
        with _workers_ignore_ctrl_c():
            # ":0": the scheduler's HTTP server takes any free port, rather than warning
            # on stderr when 8787 is taken (by another cluster, a notebook's dashboard).
            cluster = LocalCluster(threads_per_worker=1, dashboard_address=":0")  # type: ignore[no-untyped-call]
        client = Client(cluster)  # type: ignore[no-untyped-call]
        owned += [client, cluster]
    tally = tally if tally is not None else Tally.with_cap(cap)
    futures: list[Any] = []
    try:
        futures = client.map(
            count_partition, parts, fmt=fmt, cap=cap, block_size=block_size, pure=False
        )
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            tally.merge(future.result())
        return tally
    except KeyboardInterrupt:
        client.cancel(futures)  # type: ignore[no-untyped-call]
        raise
    finally:
        for resource in owned:
            resource.close()


@contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Start the local cluster's worker processes with SIGINT ignored.

    They share the terminal's process group, so Ctrl-C would reach each of them and
    print a page of tracebacks; this process handles it (cancels, reports so far).
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be changed from the main thread
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
