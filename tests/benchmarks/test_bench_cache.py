"""``benchmarks/bench_cache.py`` runs, and one copy per URL beats one per User-Agent."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_cache.py"


def test_a_short_run_ranks_the_modes():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--views", "3000", "--distinct", "400", "--markdown"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = {
        line.split(" | ")[0].strip("| "): line.split(" | ")
        for line in result.stdout.splitlines()
        if line.startswith("| ") and "mode" not in line
    }
    rate = {mode: float(cells[-1].rstrip("% |")) for mode, cells in rows.items()}
    assert rate["plain Vary"] < rate["vary_key"] < rate["cache_friendly"]
    assert rows["cache_friendly"][1] == "1.0"
