"""``jreject analyze`` end to end (issue 14 targets).

Run: ``.venv/bin/python benchmarks/bench_analyze.py`` (``--quick`` for a short run).

* throughput: a generated Combined-format log (1,000,000 lines, ~5,000 distinct UAs)
  analysed in this process, from opening the file to the finished report (detector
  start-up and classification included), against a floor measured in the same run:
  only splitting the same file into lines with polars. The machine is shared, so the
  ratio to the floor says more than lines/s alone;
* peak memory: the same analysis in a fresh process on logs of 1x, 2x and 4x the
  lines (days growing with them, so the (day, UA) keys and visitors grow as in real
  logs). Flat peak RSS means memory does not grow with the log, which is what the
  10 GB target needs: the state is bounded by distinct (day, UA) pairs and the visitor
  sample's cap, and one block (4 MiB) is read at a time;
* Dask: the same log on a LocalCluster (two worker processes, partitions of 64 MiB),
  asserting the report is identical to the local one.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jreject.analyze import PolicyUnderTest, analyze
from jreject.analyze.columns import read_lines
from jreject.analyze.formats import named_format
from jreject.analyze.generate import LogSpec, write_log
from jreject.analyze.read import blocks, open_source
from jreject.config import config_from_dict

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "detect" / "corpus" / "browsers.tsv"
TARGET_LINES_PER_S = 200_000
TARGET_RSS_MB = 500

POLICIES = [
    PolicyUnderTest("jreject-default", config_from_dict({})),
    PolicyUnderTest(
        "modern",
        config_from_dict(
            {
                "policy": [
                    {"reject": {"msie": True}, "action": "block"},
                    {"minimum": {"preset": "modern"}, "action": "modal"},
                ]
            }
        ),
    ),
]

_CHILD = """
import resource, sys, time
from jreject.analyze import PolicyUnderTest, analyze
from jreject.analyze.formats import named_format
from jreject.config import config_from_dict
t = time.perf_counter()
report = analyze([sys.argv[1]], [PolicyUnderTest("d", config_from_dict({}))],
                 fmt=named_format("combined"))
print(report.lines, time.perf_counter() - t,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def corpus() -> tuple[str, ...]:
    lines = CORPUS.read_text("utf-8").splitlines()
    return tuple(line.split("\t")[0] for line in lines if line and not line.startswith("#"))


def make_log(folder: Path, lines: int, distinct: int, days: int, seed: int = 0) -> Path:
    path = folder / f"access-{lines}.log"
    if not path.exists():
        started = time.perf_counter()
        spec = LogSpec(
            lines=lines, distinct=distinct, days=days, seed=seed, extra_user_agents=corpus()
        )
        write_log(path, spec)
        print(
            f"  generated {path.name}: {path.stat().st_size / 1e6:,.0f} MB "
            f"in {time.perf_counter() - started:.1f} s"
        )
    return path


def floor(path: Path) -> float:
    """Seconds to split the file into lines with polars, and nothing else."""
    started = time.perf_counter()
    opened = open_source(str(path))
    try:
        for block in blocks(opened.stream):
            read_lines(block)
    finally:
        opened.close()
    return time.perf_counter() - started


def throughput(path: Path) -> dict[str, float]:
    base = floor(path)
    started = time.perf_counter()
    report = analyze([str(path)], POLICIES, fmt=named_format("combined"))
    elapsed = time.perf_counter() - started
    rate = report.lines / elapsed
    print(
        f"  {report.lines:,} lines, {len(report.uas):,} distinct UAs: {elapsed:.2f} s, "
        f"{rate:,.0f} lines/s (target {TARGET_LINES_PER_S:,}); "
        f"floor (split lines only) {base:.2f} s = {report.lines / base:,.0f} lines/s; "
        f"ratio {elapsed / base:.1f}x the floor"
    )
    return {"seconds": elapsed, "lines_per_s": rate, "floor_s": base, "uas": len(report.uas)}


def peak_rss(path: Path) -> tuple[int, float, float]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path)], check=True, capture_output=True, text=True
    ).stdout.split()
    return int(out[0]), float(out[1]), float(out[2])


def dask_identical(path: Path) -> bool:
    from distributed import Client, LocalCluster

    local = analyze([str(path)], POLICIES, fmt=named_format("combined"))
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        import jreject.analyze.dask as engine

        engine.PARTITION_SIZE = 64 * 1024 * 1024
        started = time.perf_counter()
        remote = analyze(
            [str(path)], POLICIES, fmt=named_format("combined"), engine="dask", scheduler=client
        )
        elapsed = time.perf_counter() - started
    same = local.to_dict() == remote.to_dict()
    parts = len(engine.partitions([str(path)], engine.PARTITION_SIZE))
    print(f"  dask ({parts} partitions, 2 workers): {elapsed:.2f} s, identical to local: {same}")
    return same


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100,000 lines, no 4x log")
    parser.add_argument("--dir", type=Path, help="keep generated logs here (default: a temp dir)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    lines = 100_000 if args.quick else 1_000_000
    distinct = 1_000 if args.quick else 5_000
    scales = (1, 2) if args.quick else (1, 2, 4)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print("throughput:")
        base = make_log(folder, lines, distinct, days=7)
        figures: dict[str, object] = {"throughput": throughput(base)}
        print("peak memory (fresh process per log):")
        rss = []
        for scale in scales:
            path = make_log(folder, lines * scale, distinct, days=7 * scale, seed=scale)
            n, seconds, mb = peak_rss(path)
            size = path.stat().st_size / 1e6
            print(f"  {n:,} lines ({size:,.0f} MB): peak RSS {mb:,.0f} MB, {seconds:.1f} s")
            rss.append({"lines": n, "mb_file": size, "peak_rss_mb": mb, "seconds": seconds})
        figures["memory"] = rss
        print("dask vs local:")
        figures["dask_identical"] = dask_identical(base)
    if args.json:
        print(json.dumps(figures, indent=2))
    return 0 if figures["dask_identical"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
