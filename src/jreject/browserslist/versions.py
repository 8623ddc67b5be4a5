"""Version arithmetic as browserslist does it (``parseInt``/``parseFloat`` on caniuse versions)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from jreject.browserslist import _js
from jreject.browserslist.dataset import AgentData

__all__ = [
    "count",
    "filter_usage",
    "last",
    "latest_float",
    "major",
    "major_versions",
    "normalize_version",
    "ray_filter",
    "uniq",
]


#: More versions than any agent, Node.js or Electron has: a larger N selects the same.
_EVERY = 10**9


def count(digits: str | None) -> int:
    """The N of ``last N versions``: any number of digits, as JavaScript reads them (where a
    huge one is Infinity), not just the 4300 that ``int()`` accepts."""
    return int(min(_js.parse_int(digits or "0"), _EVERY))


def major(version: str) -> float:
    return _js.parse_int(version.split(".")[0])


def uniq(items: Sequence[float]) -> list[float]:
    # Equality as JavaScript's indexOf sees it: NaN never equals itself, so every NaN stays.
    out: list[float] = []
    seen: set[float] = set()
    for item in items:
        if item != item:
            out.append(item)
        elif item not in seen:
            seen.add(item)
            out.append(item)
    return out


def major_versions(released: Sequence[str], number: int) -> list[str]:
    if not released:
        return []
    majors = uniq([major(v) for v in released])
    index = len(majors) - number
    minimum = majors[index] if 0 <= index < len(majors) else None
    if minimum is None or minimum == 0 or math.isnan(minimum):
        return list(released)
    selected: list[str] = []
    for version in reversed(released):
        if minimum > major(version):
            break
        selected.insert(0, version)
    return selected


def last(items: Sequence[str], n: int) -> list[str]:
    # Array.prototype.slice(-n): with n = 0 that is the whole list.
    return list(items[-n:]) if n else list(items)


def filter_usage(usage: dict[str, float | None], sign: str, popularity: float) -> list[str]:
    compare: Callable[[float], bool] = {
        "<": lambda p: p < popularity,
        "<=": lambda p: p <= popularity,
        ">": lambda p: p > popularity,
    }.get(sign, lambda p: p >= popularity)
    return [key for key, share in usage.items() if share is not None and compare(share)]


def latest_float(version: str) -> float:
    parts = version.split("-")
    return _js.parse_float(parts[1] if len(parts) > 1 and parts[1] else version)


def ray_filter(sign: str, version: str) -> Callable[[str], bool]:
    if sign == ">":
        bound = latest_float(version)
        return lambda v: latest_float(v) > bound
    if sign == ">=":
        bound = latest_float(version)
        return lambda v: latest_float(v) >= bound
    limit = _js.parse_float(version)
    if sign == "<":
        return lambda v: _js.parse_float(v) < limit
    return lambda v: _js.parse_float(v) <= limit


def normalize_version(agent: AgentData, aliases: dict[str, str], version: str) -> str | None:
    if version in agent.versions:
        return version
    if version in aliases:
        return aliases[version]
    if len(agent.versions) == 1:
        return agent.versions[0]
    return None
