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
per User-Agent (browserslist caches the query, as in a server). The figure per side is
the median over passes of the mean time per User-Agent. Agreement compares
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

from jreject.browserslist.policy import Browserslist
from jreject.detect.detector import Detector
from jreject.detect.platforms import platform_of_shape
from jreject.policy import Minimum, decide

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "detect" / "corpus" / "browsers.tsv"
PACKAGE = "browserslist-useragent@4"

NODE_SCRIPT = r"""
const { matchesUA } = require("browserslist-useragent");
const uas = JSON.parse(require("fs").readFileSync(0, "utf8"));
const passes = Number(process.argv[2]);
const opts = { browsers: ["defaults"], ignoreMinor: true, ignorePatch: true };
const safe = (ua) => { try { return matchesUA(ua, opts); } catch (e) { return null; } };
for (const ua of uas.slice(0, 50)) safe(ua);  // warm the query cache and the JIT
const means = [];
for (let p = 0; p < passes; p++) {
  const start = process.hrtime.bigint();
  for (const ua of uas) safe(ua);
  means.push(Number(process.hrtime.bigint() - start) / 1e3 / uas.length);
}
process.stdout.write(JSON.stringify({ means, answers: uas.map(safe) }));
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


def node_results(uas: list[str], passes: int) -> dict[str, list[float] | list[bool | None]]:
    npm = shutil.which("npm")
    node = shutil.which("node")
    if npm is None or node is None:
        sys.exit("needs node and npm on PATH")
    with tempfile.TemporaryDirectory(prefix="jreject-bench-") as tmp:
        subprocess.run(
            [npm, "install", "--silent", "--no-audit", "--no-fund", "--prefix", tmp, PACKAGE],
            check=True,
        )
        script = Path(tmp) / "bench.js"
        script.write_text(NODE_SCRIPT, "utf-8")
        done = subprocess.run(
            [node, str(script), str(passes)],
            input=json.dumps(uas),
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp,
        )
    result: dict[str, list[float] | list[bool | None]] = json.loads(done.stdout)
    return result


def _warm(detector: Detector) -> Detector:
    # Older jreject builds everything in Detector() and has no warm_up().
    warm_up = getattr(detector, "warm_up", None)
    return warm_up() if warm_up is not None else detector


def jreject_means(uas: list[str], passes: int) -> list[float]:
    modern = Minimum.preset("modern")
    warm = [
        f"Mozilla/5.0 (X11; Linux x86_64; rv:{n}.0) Gecko/20100101 Firefox/{n}.0" for n in (90, 91)
    ]
    means = []
    for _ in range(passes):
        detector = _warm(Detector())
        for ua in warm:
            decide(detector(ua), modern)
        platform_of_shape.cache_clear()
        start = time.perf_counter()
        for ua in uas:
            decide(detector(ua), modern)
        means.append((time.perf_counter() - start) * 1e6 / len(uas))
    return means


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fixtures", type=Path, help="third-party fixtures directory")
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--limit", type=int, default=5000, help="at most this many UAs")
    args = parser.parse_args()
    uas = corpus_uas() + (fixture_uas(args.fixtures) if args.fixtures else [])
    uas = list(dict.fromkeys(uas))[: args.limit]
    print(f"{len(uas)} distinct browser User-Agents" + ("" if len(uas) >= 1000 else " (< 1,000)"))
    node = node_results(uas, args.passes)
    ours = jreject_means(uas, args.passes)
    theirs = statistics.median(node["means"])  # type: ignore[type-var]
    mine = statistics.median(ours)
    print(f"browserslist-useragent matchesUA(defaults): {theirs:8.1f} µs per UA")
    print(f"jreject detect + modern, uncached:          {mine:8.1f} µs per UA")
    print(f"ratio: {theirs / mine:.1f}x (target ≥ 10x)")
    defaults = Browserslist("defaults")
    detector = _warm(Detector())
    answers = node["answers"]
    scored = [(ua, a) for ua, a in zip(uas, answers, strict=True) if a is not None]
    same = sum(defaults(detector(ua)).allowed == answer for ua, answer in scored)
    print(
        f"agreement with matchesUA on 'defaults': {same}/{len(scored)} = "
        f"{same / max(len(scored), 1):.1%} ({len(uas) - len(scored)} UAs matchesUA threw on)"
    )


if __name__ == "__main__":
    main()
