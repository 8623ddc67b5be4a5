"""The Dask engine gives the same report as the local one (CI: a small in-process cluster)."""

from __future__ import annotations

import pytest

distributed = pytest.importorskip("distributed")

from jreject.analyze import analyze  # noqa: E402
from jreject.analyze.dask import partitions  # noqa: E402
from jreject.analyze.generate import LogSpec, write_log  # noqa: E402
from jreject.analyze.read import SourceError  # noqa: E402


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            n_workers=1, processes=False, threads_per_worker=2, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as dask_client,
    ):
        yield dask_client


def test_partitions_split_plain_logs_and_keep_compressed_ones_whole(tmp_path):
    plain, packed = tmp_path / "a.log", tmp_path / "b.log.gz"
    write_log(plain, LogSpec(lines=500, distinct=20))
    write_log(packed, LogSpec(lines=500, distinct=20))
    size = plain.stat().st_size
    parts = partitions([str(plain), str(packed)], size // 3 + 1)
    assert [(p.source, p.start) for p in parts][:3] == [
        (str(plain), 0),
        (str(plain), size // 3 + 1),
        (str(plain), 2 * (size // 3 + 1)),
    ]
    assert parts[-1].source == str(packed)
    assert parts[-1].end is None


def test_standard_input_is_refused():
    with pytest.raises(SourceError, match="standard input"):
        partitions(["-"])


def test_dask_and_local_reports_are_identical(tmp_path, client, two_policies, monkeypatch):
    import jreject.analyze.dask as engine

    log = tmp_path / "a.log"
    write_log(log, LogSpec(lines=3_000, distinct=150, garbage=0.01, seed=5))
    other = tmp_path / "b.log.gz"
    write_log(other, LogSpec(lines=1_000, distinct=50, seed=6))
    # Small partitions, so one log is counted in several tasks; a small visitor cap so
    # the sample is thinned (approximate) and must still merge to the local result.
    monkeypatch.setattr(engine, "PARTITION_SIZE", log.stat().st_size // 4)
    sources = [str(log), str(other)]
    assert len(engine.partitions(sources)) > 2  # the plain log in several tasks, the gzip in one
    local = analyze(sources, two_policies, cap=500)
    remote = analyze(sources, two_policies, cap=500, engine="dask", scheduler=client)
    assert not local.visitors_exact
    assert remote.to_dict() == local.to_dict()


def test_local_paths_are_made_absolute_for_workers_elsewhere(tmp_path, monkeypatch):
    # A worker started in another directory (or on another machine sharing the file
    # system) must open the same file the command line named.
    (tmp_path / "a.log").write_text("x\n")
    monkeypatch.chdir(tmp_path)
    # The report still names the log as it was given.
    assert [(p.source, p.path) for p in partitions(["a.log"])] == [
        ("a.log", str(tmp_path / "a.log"))
    ]
    url = "memory://logs/a.log"
    assert [(p.source, p.path) for p in partitions([url])] == [(url, url)]


@pytest.mark.parametrize("address", ["not-an-address", "tcp://127.0.0.1:1"])
def test_a_scheduler_that_cannot_be_reached_is_a_source_error(tmp_path, address):
    import dask

    from jreject.analyze.dask import count_on_dask
    from jreject.analyze.formats import named_format

    log = tmp_path / "a.log"
    write_log(log, LogSpec(lines=10, distinct=5))
    with (
        dask.config.set({"distributed.comm.timeouts.connect": "1s"}),
        pytest.raises(SourceError, match=f"cannot connect to the Dask scheduler {address}"),
    ):
        count_on_dask([str(log)], named_format("combined"), scheduler=address)


def test_the_local_cluster_does_not_warn_when_port_8787_is_taken(tmp_path, default_policy):
    import socket

    # Another cluster or a notebook's dashboard on the default port: no warning on
    # the user's terminal (pytest turns warnings into errors here).
    taken = socket.socket()
    try:
        taken.bind(("", 8787))
        taken.listen()
    except OSError:
        pass  # already taken by something else: the same situation
    log = tmp_path / "a.log"
    write_log(log, LogSpec(lines=50, distinct=5))
    try:
        report = analyze([str(log)], default_policy, engine="dask")
    finally:
        taken.close()
    assert report.requests > 0


def test_ctrl_c_reports_the_partitions_counted_so_far(
    tmp_path, client, default_policy, monkeypatch
):
    import jreject.analyze.dask as engine
    from jreject.analyze.aggregate import Tally

    log = tmp_path / "a.log"
    write_log(log, LogSpec(lines=3_000, distinct=50, seed=7))
    monkeypatch.setattr(engine, "PARTITION_SIZE", log.stat().st_size // 4)
    merged = []
    real_merge = Tally.merge

    def merge(self, other):
        if len(merged) == 2:
            raise KeyboardInterrupt
        merged.append(other.lines)
        real_merge(self, other)

    monkeypatch.setattr(Tally, "merge", merge)
    report = analyze([str(log)], default_policy, engine="dask", scheduler=client)
    assert report.interrupted
    assert report.lines == sum(merged)
    assert 0 < report.requests <= report.lines < 3_000
