"""Custom usage statistics (``> 1% in my stats``, ``cover 90% in my stats``).

Read from ``Options.stats`` (a mapping or a JSON file), the ``BROWSERSLIST_STATS``
environment variable, or a ``browserslist-stats.json`` found from ``Options.path`` upward,
in browserslist's format: ``{"chrome": {"120": 12.5, …}, …}`` (optionally under
``dataByBrowser``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jreject.browserslist.errors import BrowserslistError
from jreject.data.jsliteral import js_key_order

if TYPE_CHECKING:
    from jreject.browserslist.dataset import Dataset

__all__ = ["STATS_FILE", "custom_usage"]

STATS_FILE = "browserslist-stats.json"


def _find(path: str) -> Path | None:
    here = Path(path).resolve()
    for folder in (here, *here.parents):
        candidate = folder / STATS_FILE
        if candidate.is_file():
            return candidate
    return None


def _check_shares(browser: str, versions: Any, source: Any) -> None:
    """Each browser maps versions to usage shares (percent numbers, or null)."""
    where = f"{source}: " if isinstance(source, str) else ""
    if not isinstance(versions, dict):
        raise BrowserslistError(
            f"{where}usage of {browser!r} must map versions to shares, got {versions!r}"
        )
    for version, share in versions.items():
        if share is not None and (isinstance(share, bool) or not isinstance(share, int | float)):
            raise BrowserslistError(
                f"{where}usage of {browser} {version} must be a number, got {share!r}"
            )


def custom_usage(
    stats: str | dict[str, Any] | None, path: str | None, data: Dataset
) -> dict[str, float | None] | None:
    """``{"chrome 120": 12.5, …}`` from the first source that has statistics, else None."""
    source: Any = stats
    if source is None:
        source = os.environ.get("BROWSERSLIST_STATS")
    if source is None and path:
        found = _find(path)
        source = str(found) if found else None
    if source is None:
        return None
    if isinstance(source, str):
        try:
            source = json.loads(Path(source).read_text("utf-8"))
        except (OSError, ValueError):
            raise BrowserslistError(f"Can't read {source}") from None
    if isinstance(source, dict) and "dataByBrowser" in source:
        source = source["dataByBrowser"]
    if not isinstance(source, dict):
        return None
    usage: dict[str, float | None] = {}
    for browser, versions in source.items():
        _check_shares(browser, versions, stats)
        known = data.agents.get(browser)
        keys = js_key_order(list(versions))
        # A single version against an agent with a single version ("op_mini all").
        if len(keys) == 1 and known is not None and len(known.versions) == 1:
            usage[f"{browser} {known.versions[0]}"] = versions[keys[0]]
            continue
        for version in keys:
            usage[f"{browser} {version}"] = versions[version]
    return usage
