"""docs/demo.md: its Python example runs, and its table says what the demo does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docs_snippets import blocks
from jreject.demo.app import demo_verdicts
from jreject.demo.visitors import find_visitor

DOC = Path(__file__).resolve().parents[2] / "docs" / "demo.md"
ROW = re.compile(r"^\| `([a-z0-9-]+)` [^|]+\| (allow|modal|banner|block|log) \|", re.MULTILINE)


def test_python_example_runs():
    examples = blocks(DOC, "python")
    assert examples
    for block in examples:
        exec(compile(block, str(DOC), "exec"), {})


ROWS = ROW.findall(DOC.read_text("utf-8"))


def test_the_table_covers_the_visitors():
    assert len(ROWS) >= 13


@pytest.mark.parametrize(("key", "action"), ROWS)
def test_table_rows_match_the_demo_policy(key, action):
    visitor = find_visitor(key)
    assert visitor is not None, key
    assert demo_verdicts().from_headers(visitor.headers()).action == action
