"""Start-up: how long ``jreject check UA`` takes, and where the time goes.

    python benchmarks/bench_startup.py [--runs 7] [--src DIR --src DIR …]

Issue 11 target: ``jreject check UA`` in 0.25 s or less. Each figure is the median
wall time of ``--runs`` fresh interpreters, run round-robin, with its range;
``python -c pass`` is the floor measured in the same run (timings on a shared
machine are noisy: compare against it; the CPU time, user + system of the child,
leaves out the time it waited for a core), and "Typer floor" a one-command Typer app
with ``check``'s parameters that does nothing: what the CLI framework costs before
jreject does anything (Typer coerces every option through pydantic, which it
imports on the first parse).

Each ``check`` runs on one User-Agent of each class: an everyday one (answered by
its shape alone), and old ones that ua-parser has to answer (IE, old Safari, Presto
Opera) or that the shape answers too (Android's own browser). ``--src DIR`` (given
twice or more) runs every step once per source tree, round-robin in the same rounds,
with ``DIR`` first on ``sys.path``: a before/after comparison in the same conditions
(``git worktree add /tmp/before main`` gives the "before").

Before timing, each tree's byte code is compiled (as ``pip`` does when it installs a
wheel): an editable install run with ``PYTHONDONTWRITEBYTECODE`` set would otherwise
compile jreject's sources anew in every interpreter, some 40 ms of a check.

``--instructions`` runs each step once under valgrind's cachegrind instead and
counts the instructions it executes: what the code costs, unmoved by other
processes on the machine (which the wall and CPU times are not), though blind to
the time spent waiting on memory and disk. Needs ``valgrind`` on ``PATH``.
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import re
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

EVERYDAY = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36"
)
OLD = "Mozilla/5.0 (compatible; MSIE 9.0; Windows NT 6.1; Trident/5.0)"

#: One User-Agent of each class, for ``jreject check``.
CHECKED = {
    "everyday UA": EVERYDAY,
    "old IE UA": OLD,
    "IE 6 UA": "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)",
    "old Safari UA": (
        "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_5_8; en-us) AppleWebKit/531.22.7 "
        "(KHTML, like Gecko) Version/4.0.5 Safari/531.22.7"
    ),
    "old Android browser UA": (
        "Mozilla/5.0 (Linux; U; Android 4.0.3; en-us; GT-I9100 Build/IML74K) "
        "AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Mobile Safari/534.30"
    ),
    "Opera Presto UA": "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.12.388 Version/12.16",
}

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
    **{
        f"jreject check ({name})": f"{CHECK}; sys.argv = ['', 'check', {ua!r}]; main()"
        for name, ua in CHECKED.items()
    },
    "jreject --help": f"{CHECK}; sys.argv = ['', '--help']; main()",
}


def once(code: str, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one fresh interpreter running ``code``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code], check=False, capture_output=True, timeout=60, env=env
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def instructions(code: str, env: dict[str, str] | None = None) -> int:
    """Instructions one fresh interpreter executes running ``code`` (cachegrind's "I refs")."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=cachegrind",
            "--cache-sim=no",
            "--cachegrind-out-file=/dev/null",
            sys.executable,
            "-c",
            code,
        ],
        check=False,
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise SystemExit(f"valgrind gave no instruction count:\n{done.stderr[-2000:]}")
    return int(found.group(1).replace(",", ""))


def count_instructions(trees: list[str | None]) -> None:
    """One cachegrind run per step and tree: instructions, and × the ``pass`` floor."""
    for tree in trees:
        if tree is not None:
            print(f"\n{tree}")
        counts = {name: instructions(code, _env(tree)) for name, code in STEPS.items()}
        floor = counts["python -c pass"]
        print(f"{'':42} {'instructions':>14}  {'× floor':>7}")
        for name, count in counts.items():
            print(f"{name:42} {count:14,}  {count / floor:6.1f}x")


def compile_byte_code(src: str | None) -> None:
    """Write the byte code of ``src``'s jreject (default: the one imported here)."""
    if src is None:
        spec = importlib.util.find_spec("jreject")
        if spec is None or spec.origin is None:
            return
        package = Path(spec.origin).parent
    else:
        package = Path(src, "jreject")
    compileall.compile_dir(package, quiet=1)


def _env(src: str | None) -> dict[str, str] | None:
    if src is None:
        return None
    path = os.environ.get("PYTHONPATH")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (src, path)))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--src",
        action="append",
        metavar="DIR",
        help="a source tree to put first on sys.path (repeat to compare trees in one run)",
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under valgrind's cachegrind instead of timing (one run each)",
    )
    args = parser.parse_args()
    trees: list[str | None] = args.src or [None]
    for tree in trees:
        compile_byte_code(tree)
    if args.instructions:
        count_instructions(trees)
        return
    # Round-robin: every step (of every tree) runs once per round, so a burst of load
    # from other processes hits all of them alike instead of one step's whole series.
    walls: dict[tuple[str | None, str], list[float]] = {}
    cpus: dict[tuple[str | None, str], list[float]] = {}
    for _ in range(args.runs):
        for name, code in STEPS.items():
            for tree in trees:
                wall, cpu = once(code, _env(tree))
                walls.setdefault((tree, name), []).append(wall)
                cpus.setdefault((tree, name), []).append(cpu)
    for tree in trees:
        if tree is not None:
            print(f"\n{tree}")
        floor = statistics.median(walls[tree, "python -c pass"])
        cpu_floor = statistics.median(cpus[tree, "python -c pass"])
        print(f"{'':42} {'wall':>7}  {'× floor':>7}  {'range':>13}   {'CPU':>7}  {'× floor':>7}")
        for name in STEPS:
            wall, cpu = statistics.median(walls[tree, name]), statistics.median(cpus[tree, name])
            print(
                f"{name:42} {wall:6.3f}s  {wall / floor:6.1f}x  "
                f"[{min(walls[tree, name]):.3f}–{max(walls[tree, name]):.3f}]   "
                f"{cpu:6.3f}s  {cpu / cpu_floor:6.1f}x"
            )


if __name__ == "__main__":
    main()
