"""Read the fenced code blocks of a docs page, so tests can run what the docs show."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"
FENCE = re.compile(r"^```([\w+-]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(page: str, language: str) -> list[str]:
    """The blocks of ``docs/<page>`` fenced as ``language``, in order."""
    text = (DOCS / page).read_text("utf-8")
    return [body for lang, body in FENCE.findall(text) if lang == language]


def commands(page: str) -> list[list[str]]:
    """The ``jreject …`` command lines of the page's ``sh`` blocks, split into words."""
    found = []
    for block in blocks(page, "sh"):
        for line in block.splitlines():
            if line.startswith("jreject "):
                found.append(line.split()[1:])
    return found
