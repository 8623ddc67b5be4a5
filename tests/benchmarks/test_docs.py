"""docs/reliability.md: every command it shows names a script, test file and options that exist."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from docs_snippets import blocks

ROOT = Path(__file__).resolve().parents[2]


def command_lines():
    found = []
    for block in blocks("reliability.md", "sh"):
        for line in block.splitlines():
            words = line.split("#", 1)[0].split()
            if words:
                found.append(words)
    return found


def test_every_benchmark_command_uses_options_the_script_has():
    scripts = [words for words in command_lines() if words[1].startswith("benchmarks/")]
    assert {words[1] for words in scripts} == {"benchmarks/fuzz.py", "benchmarks/load.py"}
    for words in scripts:
        script = ROOT / words[1]
        helped = subprocess.run(
            [sys.executable, str(script), "--help"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        for option in (w for w in words[2:] if w.startswith("--")):
            assert re.search(rf"{re.escape(option)}\b", helped), (words[1], option)


def test_every_test_command_names_an_existing_file():
    tests = [words for words in command_lines() if words[1:3] == ["-m", "pytest"]]
    assert tests
    for words in tests:
        assert (ROOT / words[3]).is_file(), words
