"""Browser names a policy may mention, checked once when the policy is built.

The canonical ids come from :mod:`jreject.detect.catalog`, so a typo in a policy
fails at startup with a suggestion rather than silently matching nothing.
"""

from __future__ import annotations

import functools
from types import ModuleType

from jreject.errors import suggest

__all__ = [
    "LEGACY_NAMES",
    "canonical_browser",
    "known_browsers",
    "known_oses",
    "suggest",
]

#: jReject's (and Rails') names that differ from ours.
LEGACY_NAMES: dict[str, str] = {"msie": "ie", "internet_explorer": "ie"}


@functools.cache
def known_browsers() -> frozenset[str]:
    """Every browser id a policy may name: the detection catalog's."""
    # Imported late: the catalog costs nothing until a policy names a browser.
    from jreject.detect.catalog import BROWSERS

    return frozenset(BROWSERS)


@functools.cache
def known_oses() -> frozenset[str]:
    """Every OS id detection reports (empty until the catalog is importable)."""
    catalog = _catalog()
    ids = getattr(catalog, "OSES", None) if catalog is not None else None
    return frozenset(ids) if ids else frozenset()


def _catalog() -> ModuleType | None:
    try:
        # Imported late: the catalog is optional here and costs nothing until asked.
        from jreject.detect import catalog
    except ImportError:
        return None
    return catalog


def canonical_browser(name: str) -> str:
    """``"msie"`` → ``"ie"``; a known id unchanged; anything else raises ``ValueError``."""
    key = name.strip().lower()
    key = LEGACY_NAMES.get(key, key)
    if key not in known_browsers():
        raise ValueError(
            f"unknown browser {name!r}{suggest(name, known_browsers() | LEGACY_NAMES.keys())}"
        )
    return key
