"""Find the line of a key in TOML text, so configuration errors can name it.

``tomllib`` returns plain dicts without positions. This scanner follows table
headers (``[a.b]``, ``[[policy]]``) and ``key =`` lines well enough to point at
the right line of a hand-written file; when it cannot, the caller shows no line.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["KeyPath", "format_key", "locate"]

KeyPath = Sequence[str | int]

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")


def format_key(path: KeyPath) -> str:
    """``("policy", 0, "minimum")`` → ``"policy[0].minimum"``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def locate(text: str, path: KeyPath) -> int | None:
    """The 1-based line where ``path`` is set in ``text``, or ``None``."""
    lines = text.splitlines()
    tables = _tables_by_line(lines)
    # The key names a table itself (`[[polcy]]`, `[policy.minimum]`): its header line.
    for number, table in enumerate(tables):
        if len(table) >= len(path) and tuple(table[: len(path)]) == tuple(path):
            return number + 1
    best: tuple[str | int, ...] | None = None
    for table in set(tables):
        if tuple(path[: len(table)]) == table and (best is None or len(table) > len(best)):
            best = table
    if best is None:
        return None
    numbers = [i for i, table in enumerate(tables) if table == best]
    for key in reversed([k for k in path[len(best) :] if isinstance(k, str)]):
        pattern = re.compile(r'(?:^|[\s{,])["\']?' + re.escape(key) + r'["\']?\s*=')
        for i in numbers:
            if pattern.search(_strip_comment(lines[i])):
                return i + 1
    # Fall back to the table's header line, or the first line of the file.
    return numbers[0] + 1 if numbers else None


def _tables_by_line(lines: Sequence[str]) -> list[tuple[str | int, ...]]:
    """For each line, the table it belongs to (array-of-table entries indexed)."""
    counts: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    tables: list[tuple[str | int, ...]] = []
    for line in lines:
        match = _HEADER.match(line)
        if match is not None:
            parts = [p.strip().strip("\"'") for p in match.group(2).split(".")]
            resolved: tuple[str | int, ...] = ()
            for index, part in enumerate(parts):
                resolved = (*resolved, part)
                if index < len(parts) - 1 and resolved in counts:
                    resolved = (*resolved, counts[resolved] - 1)
            if match.group(1) == "[[":
                counts[resolved] = counts.get(resolved, 0) + 1
                resolved = (*resolved, counts[resolved] - 1)
            current = resolved
        tables.append(current)
    return tables


def _strip_comment(line: str) -> str:
    # Good enough for keys: a '#' inside a quoted value only hides that value.
    return line.split("#", 1)[0]
