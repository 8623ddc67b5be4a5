"""``benchmarks/bench_serve.py`` works end to end: the real ``jreject serve``, answers checked."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_serve.py"


def test_a_short_run_has_no_errors_and_no_wrong_answers():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "300", "--rounds", "1", "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(line for line in result.stdout.splitlines() if "jreject serve " in line)
    assert "errors 0" in line
    assert "wrong 0" in line
    assert "of the floor's throughput" in result.stdout
