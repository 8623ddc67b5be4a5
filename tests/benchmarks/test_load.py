"""``benchmarks/load.py`` works end to end: real uvicorn and gunicorn, verdicts checked.

The full run (20,000 requests a run, three rounds) is a benchmark named in the README;
this runs a few hundred requests so the script cannot rot, and so a wrong verdict or a
server error under real servers fails the suite.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "load.py"


@pytest.mark.parametrize("server", ["uvicorn", "gunicorn"])
def test_a_short_load_run_has_no_errors_and_no_wrong_verdicts(server):
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--requests", "300", "--rounds", "1", "--servers", server],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for app in ("bare", "vary_floor", "with_jreject"):
        line = next(line for line in result.stdout.splitlines() if line.strip().startswith(app))
        assert "errors 0" in line
        assert "wrong verdicts 0" in line
    assert "of the bare app" in result.stdout
    assert "only add jreject's Vary" in result.stdout
