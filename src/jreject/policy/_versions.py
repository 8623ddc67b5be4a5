"""Version values as policies accept them (``120``, ``17.2``, ``"17.2"``) → int tuples."""

from __future__ import annotations

import re

__all__ = ["is_zero", "parse_version", "version_at_least", "version_text"]

# ASCII digits only: `\d` would also take "١٢٠", which int() reads as 120.
_VERSION = re.compile(r"[0-9]+(?:\.[0-9]+)*")


def parse_version(value: object) -> tuple[int, ...]:
    """``120`` → ``(120,)``, ``"17.2"`` → ``(17, 2)``; raises ``ValueError`` otherwise.

    Floats are read through their shortest text (``17.2`` → ``"17.2"``), so write
    ``"17.10"`` as a string: the float ``17.10`` is ``17.1``.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValueError(f'expected a version such as 120 or "17.2", got {value!r}')
    if isinstance(value, int | float) and value < 0:
        raise ValueError(f'expected a version such as 120 or "17.2", got {value!r}')
    text = str(value).strip()
    if not _VERSION.fullmatch(text):
        raise ValueError(f'expected a version such as 120 or "17.2", got {value!r}')
    return tuple(int(part) for part in text.split("."))


def is_zero(version: tuple[int, ...]) -> bool:
    """``(0,)``, ``(0, 0)``: a limit no version is below, so it judges nothing."""
    return not any(version)


def version_at_least(version: tuple[int, ...], minimum: tuple[int, ...]) -> bool:
    """Tuple comparison where missing parts count as 0: ``(17,) >= (17, 0)``."""
    if len(version) >= len(minimum):
        return version >= minimum  # padding the shorter minimum cannot change the answer
    width = max(len(version), len(minimum))
    return version + (0,) * (width - len(version)) >= minimum + (0,) * (width - len(minimum))


def version_text(version: tuple[int, ...]) -> str:
    """``(17, 2)`` → ``"17.2"``."""
    return ".".join(str(part) for part in version)
