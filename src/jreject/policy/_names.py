"""Browser names a policy may mention, checked once when the policy is built.

The canonical ids come from :mod:`jreject.detect.catalog`; the ids below stand in
only if it cannot be imported, so a typo in a policy fails at
startup with a suggestion rather than silently matching nothing.
"""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable
from types import ModuleType

__all__ = [
    "BROWSER_IDS",
    "LEGACY_NAMES",
    "PolicyValueError",
    "canonical_browser",
    "known_browsers",
    "known_oses",
    "suggest",
]

#: The canonical browser ids detection reports (see ``jreject.detect.catalog``).
BROWSER_IDS: tuple[str, ...] = (
    "chrome",
    "chromium",
    "edge",
    "edge_legacy",
    "firefox",
    "firefox_esr",
    "safari",
    "ie",
    "ie_mobile",
    "opera",
    "opera_mini",
    "opera_mobile",
    "samsung",
    "yandex",
    "uc",
    "vivaldi",
    "brave",
    "android_webview",
    "android",
    "chrome_ios",
    "firefox_ios",
    "edge_ios",
    "opera_ios",
    "facebook",
    "instagram",
    "tiktok",
    "qq",
    "baidu",
    "kaios",
    "konqueror",
    "unknown",
)

#: jReject's (and Rails') names that differ from ours.
LEGACY_NAMES: dict[str, str] = {"msie": "ie", "internet_explorer": "ie"}


class PolicyValueError(ValueError):
    """A bad value in a policy's settings; ``key`` is where, inside those settings.

    :mod:`jreject.policy.config` prefixes ``key`` with the tier's path and adds the
    file and line, so one message names everything a person needs to fix it.
    """

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}" if key else message)
        self.key = key
        self.detail = message


@functools.cache
def known_browsers() -> frozenset[str]:
    """Every browser id a policy may name: the catalog's, or :data:`BROWSER_IDS` without it."""
    catalog = _catalog()
    ids = getattr(catalog, "BROWSERS", None) if catalog is not None else None
    return frozenset(ids) if ids else frozenset(BROWSER_IDS)


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


def suggest(name: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'safari'?)`` when a choice is close to ``name``, else ``""``."""
    close = difflib.get_close_matches(name.lower(), sorted(choices), n=1, cutoff=0.7)
    return f" (did you mean {close[0]!r}?)" if close else ""
