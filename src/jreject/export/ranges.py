"""Sets of whole numbers as regular expressions that every edge dialect accepts.

nginx (PCRE), Varnish and Fastly (PCRE), Cloudflare (Rust ``regex``: no look-around,
no back-references), JavaScript and Python all read plain alternation, ``[0-9]``
classes and ``{n,}`` counts, so that is all this emits.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["intervals", "number_pattern"]


def intervals(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted, merged closed intervals covering ``numbers``."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and out[-1][1] + 1 == n:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def number_pattern(numbers: Iterable[int], *, open_from: int | None = None) -> str:
    """A regex matching exactly the decimal forms (no leading zeros) of ``numbers``.

    ``open_from``: also every number ≥ it (versions newer than any probed). The result
    is a group-free alternation; wrap it in ``(?:…)`` and follow it with a non-digit.
    """
    spans = intervals(numbers)
    parts: list[str] = []
    for lo, hi in spans:
        if open_from is not None and hi + 1 >= open_from:
            open_from = min(open_from, lo)
            continue
        parts.extend(_span(lo, hi))
    if open_from is not None:
        width = len(str(open_from))
        parts.extend(_span(open_from, 10**width - 1))
        parts.append(f"[1-9][0-9]{{{width},}}")
    return "|".join(parts)


def _span(lo: int, hi: int) -> list[str]:
    """Alternatives for lo..hi (inclusive), split where the digit count changes."""
    parts: list[str] = []
    while lo <= hi:
        top = min(hi, 10 ** len(str(lo)) - 1)
        parts.extend(_same_width(str(lo), str(top)))
        lo = top + 1
    return parts


def _same_width(lo: str, hi: str) -> list[str]:
    if lo == hi:
        return [lo]
    if len(lo) == 1:
        return [f"[{lo}-{hi}]"]
    if lo[0] == hi[0]:
        return [lo[0] + _group(_same_width(lo[1:], hi[1:]))]
    rest = len(lo) - 1
    parts: list[str] = []
    first, last = int(lo[0]), int(hi[0])
    if lo[1:] != "0" * rest:
        parts.append(lo[0] + _group(_same_width(lo[1:], "9" * rest)))
        first += 1
    tail_full = hi[1:] == "9" * rest
    end = last if tail_full else last - 1
    if first <= end:
        digit = str(first) if first == end else f"[{first}-{end}]"
        parts.append(digit + "[0-9]" * rest)
    if not tail_full:
        parts.append(hi[0] + _group(_same_width("0" * rest, hi[1:])))
    return parts


def _group(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
