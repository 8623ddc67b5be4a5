"""Readers for the bot corpora, shared by the tests and benchmarks/bench_bots.py."""

from __future__ import annotations

from pathlib import Path

CORPUS = Path(__file__).parent / "corpus"
BOTS = CORPUS / "bots.txt"
NOT_BOTS = CORPUS / "bots_negative.txt"


def read_corpus(path: Path) -> list[tuple[str, str]]:
    """``(category, user_agent)`` pairs; ``# category: x`` lines start a category."""
    category = "none"
    cases: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# category:"):
            category = line.split(":", 1)[1].strip()
        elif line and not line.startswith("#"):
            cases.append((category, line))
    return cases
