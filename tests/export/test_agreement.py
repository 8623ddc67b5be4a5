"""Each exported rule, run for real, agrees with Python's verdicts on a corpus of User-Agents.

The rate is reported by benchmarks/bench_export.py on a larger mix. Here: at least
:data:`THRESHOLD` agreement, and every case where the edge is *stricter* than Python
is listed in known_disagreements.tsv (the export errs towards allowing; a new
stricter case is a regression). The targets must agree with each other exactly.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from export.corpus import user_agents
from export.executors import EXECUTORS, sendable
from export.policies import POLICIES
from jreject.export import Export, compile_policy
from jreject.export.agree import compare, python_classes

THRESHOLD = 0.97
KNOWN = Path(__file__).with_name("known_disagreements.tsv")


@functools.cache
def _compiled(name: str) -> Export:
    return compile_policy(POLICIES[name])


@functools.cache
def _python(name: str) -> dict[str, str]:
    return dict(python_classes(POLICIES[name], sendable(user_agents(1500))))


def _known() -> set[tuple[str, str, str, str]]:
    rows = set()
    for line in KNOWN.read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            policy, python, edge, ua = line.split("\t", 3)
            rows.add((policy, python, edge, ua))
    return rows


@pytest.mark.parametrize("policy", sorted(POLICIES))
@pytest.mark.parametrize("execute", EXECUTORS)
def test_export_agrees_with_python(execute, policy, tmp_path):
    python = _python(policy)
    answers = execute(_compiled(policy), list(python), tmp_path)
    # Every target runs the same rules: its answers are the Python re answers exactly.
    assert answers == [_compiled(policy).classify(ua) for ua in python]
    agreement = compare(python, answers)  # type: ignore[arg-type]
    assert agreement.rate >= THRESHOLD, f"{agreement.rate:.4f} < {THRESHOLD}"
    known = _known()
    stricter = [
        (policy, d.python, d.edge, d.user_agent)
        for d in agreement.disagreements
        if not d.lenient and (policy, d.python, d.edge, d.user_agent) not in known
    ]
    assert not stricter, "the edge is stricter than Python for:\n" + "\n".join(
        "\t".join(row) for row in stricter
    )
