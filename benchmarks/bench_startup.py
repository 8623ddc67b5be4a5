"""Start-up: how long ``jreject check UA`` takes, and where the time goes.

    python benchmarks/bench_startup.py [--runs 7]

Issue 11 target: ``jreject check UA`` in 0.25 s or less. Each figure is the median
wall time of ``--runs`` fresh interpreters, run round-robin, with its range;
``python -c pass`` is the floor measured in the same run (timings on a shared
machine are noisy: compare against it; the CPU time, user + system of the child,
leaves out the time it waited for a core), and "Typer floor" a one-command Typer app
with ``check``'s parameters that does nothing: what the CLI framework costs before
jreject does anything (Typer coerces every option through pydantic, which it
imports on the first parse).
"""

from __future__ import annotations

import argparse
import resource
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

TYPER_FLOOR = """
import sys
from pathlib import Path
from typing import Annotated, Literal
import typer
app = typer.Typer()
@app.callback()
def root() -> None: ...
@app.command()
def check(
    user_agent: Annotated[str | None, typer.Argument()] = None,
    header: Annotated[list[str] | None, typer.Option("--header", "-H")] = None,
    file: Annotated[Path | None, typer.Option("--file", "-f")] = None,
    policy: Annotated[Path | None, typer.Option("--policy", "-p")] = None,
    as_json: Annotated[bool, typer.Option("--json")] = False,
    output: Annotated[Literal["table", "tsv", "json"] | None, typer.Option("--format")] = None,
) -> None:
    print(user_agent)
sys.argv = ["", "check", "ua"]
app()
"""

STEPS = {
    "python -c pass": "pass",
    "Typer floor (check's parameters, no work)": TYPER_FLOOR,
    "import jreject.detect.detector": "import jreject.detect.detector",
    "Detector() + detect (everyday UA)": (
        f"from jreject.detect import Detector; Detector()({EVERYDAY!r})"
    ),
    "Detector() + detect (old IE UA)": f"from jreject.detect import Detector; Detector()({OLD!r})",
    "Detector().warm_up()": "from jreject.detect import Detector; Detector().warm_up()",
    "jreject check (everyday UA)": f"{CHECK}; sys.argv = ['', 'check', {EVERYDAY!r}]; main()",
    "jreject check (old IE UA)": f"{CHECK}; sys.argv = ['', 'check', {OLD!r}]; main()",
    "jreject --help": f"{CHECK}; sys.argv = ['', '--help']; main()",
}


def once(code: str) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh interpreter running ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=False, capture_output=True, timeout=60)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    # Round-robin: every step runs once per round, so a burst of load from other
    # processes hits all of them alike instead of one step's whole series.
    walls: dict[str, list[float]] = {name: [] for name in STEPS}
    cpus: dict[str, list[float]] = {name: [] for name in STEPS}
    for _ in range(args.runs):
        for name, code in STEPS.items():
            wall, cpu = once(code)
            walls[name].append(wall)
            cpus[name].append(cpu)
    floor = statistics.median(walls["python -c pass"])
    cpu_floor = statistics.median(cpus["python -c pass"])
    print(f"{'':42} {'wall':>7}  {'× floor':>7}  {'range':>13}   {'CPU':>7}  {'× floor':>7}")
    for name in STEPS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"{name:42} {wall:6.3f}s  {wall / floor:6.1f}x  "
            f"[{min(walls[name]):.3f}–{max(walls[name]):.3f}]   "
            f"{cpu:6.3f}s  {cpu / cpu_floor:6.1f}x"
        )


if __name__ == "__main__":
    main()
