"""Read the fenced code blocks of a docs page, so tests can run what the docs show.

Shared by every docs test (``pythonpath = ["tests"]`` in the pytest settings).
"""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1] / "docs"
FENCE = re.compile(r"^```([\w+-]*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(page: str | Path, language: str) -> list[str]:
    """The blocks of ``docs/<page>`` (or of the file ``page``) fenced as ``language``, in order."""
    text = (page if isinstance(page, Path) else DOCS / page).read_text("utf-8")
    return [body for lang, body in FENCE.findall(text) if lang == language]


def commands(page: str) -> list[list[str]]:
    """The ``jreject …`` command lines of the page's ``sh`` blocks, split into words."""
    found = []
    for block in blocks(page, "sh"):
        for line in block.splitlines():
            if line.startswith("jreject "):
                found.append(line.split()[1:])
    return found
