"""Start-up: how long ``jreject check UA`` takes, and where the time goes.

    python benchmarks/bench_startup.py [--runs 7]

Issue 11 target: ``jreject check UA`` in 0.25 s or less. Each figure is the median
wall time of ``--runs`` fresh interpreters; ``python -c pass`` is the floor measured
in the same run (timings on a shared machine are noisy: compare against it).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

EVERYDAY = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
OLD = "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)"

CHECK = "import sys; from jreject.cli import main"

STEPS = {
    "python -c pass": "pass",
    "import jreject.detect.detector": "import jreject.detect.detector",
    "Detector() + detect (everyday UA)": (
        f"from jreject.detect import Detector; Detector()({EVERYDAY!r})"
    ),
    "Detector() + detect (old IE UA)": f"from jreject.detect import Detector; Detector()({OLD!r})",
    "Detector().warm_up()": "from jreject.detect import Detector; Detector().warm_up()",
    "jreject check (everyday UA)": f"{CHECK}; sys.argv = ['', 'check', {EVERYDAY!r}]; main()",
    "jreject check (old IE UA)": f"{CHECK}; sys.argv = ['', 'check', {OLD!r}]; main()",
}


def wall(code: str, runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, timeout=60)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    floor = wall("pass", args.runs)
    for name, code in STEPS.items():
        seconds = floor if code == "pass" else wall(code, args.runs)
        print(f"{name:38} {seconds:6.3f} s  ({seconds / floor:5.1f}x python -c pass)")


if __name__ == "__main__":
    main()
