"""An uncached verdict for a never-seen User-Agent, against browserslist-useragent's matchesUA.

    python benchmarks/bench_vs_browserslist_useragent.py [--fixtures DIR] [--passes 5]

Issue 11 target: jreject ≥ 10x faster than ``matchesUA(ua, {browsers: ['defaults']})``
on the same ≥ 1,000 distinct real User-Agents, in the same run. The npm package is
installed into a temporary directory (``npm install``, from the npm registry).

User-Agents: jreject's corpus (``tests/detect/corpus/browsers.tsv``) plus, with
``--fixtures``, the browser User-Agents of third-party fixtures (see
``benchmarks/third_party_accuracy.py`` for what the directory holds). Bots are left
out: browserslist-useragent has no notion of them.

jreject side: a warmed-up detector and a ``modern`` policy, no verdict cache; each pass
uses a new detector (and clears the one cache below ua-parser, platform comments), so
every User-Agent is seen for the first time. Node side: each pass calls matchesUA once
per User-Agent (browserslist caches the query, as in a server), in a node process that
first ran one untimed pass, so its JIT is warm. Passes alternate, node then jreject, so
load from other processes on a shared machine hits both sides alike. The figure per
side is the median over passes of the mean time per User-Agent; the ratio is the
median of the per-pass ratios, shown with their range. Each is given in wall-clock
time and in CPU time of the process (node's ``process.cpuUsage``, Python's
``process_time``): on a busy machine a process waits for a core, and the CPU time
leaves that wait out. Agreement compares
matchesUA's answer with jreject's ``Browserslist("defaults")`` verdict.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

from jreject.detect.detector import Detector
from jreject.detect.platforms import platform_of_shape
from jreject.policy import Minimum, decide
from jreject.policy.browserslist import Browserslist

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "detect" / "corpus" / "browsers.tsv"
PACKAGE = "browserslist-useragent@4"

NODE_SCRIPT = r"""
const { matchesUA } = require("browserslist-useragent");
const uas = JSON.parse(require("fs").readFileSync(0, "utf8"));
const opts = { browsers: ["defaults"], ignoreMinor: true, ignorePatch: true };
const safe = (ua) => { try { return matchesUA(ua, opts); } catch (e) { return null; } };
const answers = uas.map(safe);  // untimed: warms the query cache and the JIT
const cpu = process.cpuUsage();
const start = process.hrtime.bigint();
for (const ua of uas) safe(ua);
const mean = Number(process.hrtime.bigint() - start) / 1e3 / uas.length;
const used = process.cpuUsage(cpu);
const cpuMean = (used.user + used.system) / uas.length;
process.stdout.write(JSON.stringify({ mean, cpuMean, answers }));
"""


def corpus_uas() -> list[str]:
    uas = []
    for line in CORPUS.read_text("utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        ua, *_rest, is_bot, _agent, _version = line.split("\t")
        if is_bot != "true":
            uas.append(ua)
    return uas


def fixture_uas(directory: Path) -> list[str]:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from third_party_accuracy import browsers, humans

    return [ua for ua, _ in humans(directory)] + list(browsers(directory))


class Timing(NamedTuple):
    """Mean µs per User-Agent of one pass: wall clock, and CPU time of the process."""

    wall: float
    cpu: float


class Node:
    """browserslist-useragent installed in a temporary directory; one timed pass per call."""

    def __init__(self, tmp: str) -> None:
        npm = shutil.which("npm")
        node = shutil.which("node")
        if npm is None or node is None:
            sys.exit("needs node and npm on PATH")
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", tmp, PACKAGE],
            check=True,
        )
        self.script = Path(tmp) / "bench.js"
        self.script.write_text(NODE_SCRIPT, "utf-8")
        self.node = node
        self.tmp = tmp

    def run(self, uas: list[str]) -> tuple[Timing, list[bool | None]]:
        """The mean µs per User-Agent of one warm pass, and matchesUA's answers."""
        done = subprocess.run(
            [self.node, str(self.script)],
            input=json.dumps(uas),
            capture_output=True,
            text=True,
            check=True,
            cwd=self.tmp,
        )
        result = json.loads(done.stdout)
        return Timing(float(result["mean"]), float(result["cpuMean"])), list(result["answers"])


def _warm(detector: Detector) -> Detector:
    # Older jreject builds everything in Detector() and has no warm_up().
    warm_up = getattr(detector, "warm_up", None)
    return warm_up() if warm_up is not None else detector


def jreject_mean(uas: list[str]) -> Timing:
    """The mean µs per User-Agent of one pass with a new detector: every UA first-seen."""
    modern = Minimum.preset("modern")
    warm = [
        f"Mozilla/5.0 (X11; Linux x86_64; rv:{n}.0) Gecko/20100101 Firefox/{n}.0" for n in (90, 91)
    ]
    detector = _warm(Detector())
    for ua in warm:
        decide(detector(ua), modern)
    platform_of_shape.cache_clear()
    cpu = time.process_time()
    start = time.perf_counter()
    for ua in uas:
        decide(detector(ua), modern)
    wall = time.perf_counter() - start
    return Timing(wall * 1e6 / len(uas), (time.process_time() - cpu) * 1e6 / len(uas))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", type=Path, help="third-party fixtures directory")
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=5000, help="at most this many UAs")
    args = parser.parse_args()
    uas = corpus_uas() + (fixture_uas(args.fixtures) if args.fixtures else [])
    uas = list(dict.fromkeys(uas))[: args.limit]
    print(f"{len(uas)} distinct browser User-Agents" + ("" if len(uas) >= 1000 else " (< 1,000)"))
    node_times: list[Timing] = []
    ours: list[Timing] = []
    with tempfile.TemporaryDirectory(prefix="jreject-bench-") as tmp:
        node = Node(tmp)
        for _ in range(args.passes):
            timing, answers = node.run(uas)
            node_times.append(timing)
            ours.append(jreject_mean(uas))
    for clock in ("wall", "cpu"):
        theirs = [getattr(t, clock) for t in node_times]
        mine = [getattr(t, clock) for t in ours]
        ratios = [n / j for n, j in zip(theirs, mine, strict=True)]
        print(
            f"{clock:4}  matchesUA {statistics.median(theirs):6.1f} µs, jreject "
            f"{statistics.median(mine):5.1f} µs per UA: ratio {statistics.median(ratios):.1f}x "
            f"(passes {min(ratios):.1f}x–{max(ratios):.1f}x; target ≥ 10x)"
        )
    defaults = Browserslist("defaults")
    detector = _warm(Detector())
    scored = [(ua, a) for ua, a in zip(uas, answers, strict=True) if a is not None]
    same = sum(defaults(detector(ua)).allowed == answer for ua, answer in scored)
    print(
        f"agreement with matchesUA on 'defaults': {same}/{len(scored)} = "
        f"{same / max(len(scored), 1):.1%} ({len(uas) - len(scored)} UAs matchesUA threw on)"
    )


if __name__ == "__main__":
    main()
