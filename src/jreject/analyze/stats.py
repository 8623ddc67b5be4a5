"""Real traffic → usage files other tools read.

``browserslist-stats.json``: browserslist's custom usage format, percentages by caniuse
agent and version, ``{"chrome": {"120": 12.3, …}, "ios_saf": {"17.2": 8.1, …}}``. With
it, ``> 0.5% in my stats`` in a ``.browserslistrc`` (and ``jreject query --stats``)
selects from this site's own visitors. Versions are caniuse's version strings, so a
Safari on iOS 15.3 counts under the range ``"15.2-15.3"`` as caniuse lists it.

caniuse.com's usage import (Settings → Usage data → importer) takes a Google Analytics 4
CSV export: ``Browser, Browser version, Views, Operating system, OS version, Device
category``. :func:`caniuse_import_csv` writes those columns, with GA4's browser names.
The column set follows what caniuse's importer accepts from GA4 exports; caniuse does not
publish a specification of it, so treat the file as best effort.

Shares are of visitors when the log has client IPs (a busy visitor counts once a day),
else of requests. Bots are left out of both files.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict

from jreject.analyze.report import Report, UARow

__all__ = ["browserslist_stats", "browserslist_stats_json", "caniuse_import_csv"]

#: Percentages are rounded to this many decimals (browserslist compares them to the query).
_DECIMALS = 4

# GA4's names, where they differ from jreject's display names.
_GA4_BROWSERS = {
    "ie": "Internet Explorer",
    "edge_legacy": "Edge",
    "samsung": "Samsung Internet",
    "android": "Android Webview",
    "chrome_ios": "Chrome",
    "firefox_ios": "Firefox",
    "edge_ios": "Edge",
}
_GA4_OS = {"macOS": "Macintosh", "Mac OS X": "Macintosh", "ChromeOS": "Chrome OS"}


def _weight(row: UARow, report: Report) -> float:
    return float(row.visitors or 0) if report.has_visitors else float(row.requests)


def browserslist_stats(report: Report) -> dict[str, dict[str, float]]:
    """Percent of (non-bot) traffic per caniuse agent and caniuse version string."""
    from jreject.data import load

    agents = load().agents
    weights: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    total = 0.0
    for row in report.uas:
        if row.is_bot:
            continue
        weight = _weight(row, report)
        total += weight
        if not row.caniuse:
            continue
        agent, _, version = row.caniuse.partition(" ")
        known = agents.get(agent)
        key = _caniuse_key([v.version for v in known.versions], version) if known else None
        if key is not None:
            weights[agent][key] += weight
    if not total:
        return {}
    return {
        agent: {
            version: round(100 * w / total, _DECIMALS)
            for version, w in sorted(versions.items(), key=lambda kv: _sort_key(kv[0]))
        }
        for agent, versions in sorted(weights.items())
    }


def browserslist_stats_json(report: Report) -> str:
    """:func:`browserslist_stats` as the text of a ``browserslist-stats.json``."""
    return json.dumps(browserslist_stats(report), indent=2) + "\n"


def _parts(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(p) for p in version.split("."))
    except ValueError:
        return ()


def _sort_key(version: str) -> tuple[int, ...]:
    return _parts(version.split("-")[0])


def _caniuse_key(versions: list[str], version: str) -> str | None:
    """The caniuse version string that holds ``version`` (``"15.3"`` → ``"15.2-15.3"``)."""
    if version in versions:
        return version
    wanted = _parts(version)
    if not wanted:
        return None
    for candidate in versions:
        low, _, high = candidate.partition("-")
        lo, hi = _parts(low), _parts(high or low)
        if lo and hi and lo <= wanted[: len(lo)] and wanted[: len(hi)] <= hi:
            return candidate
    # A major-only caniuse agent (chrome "120") for a detected "120.0".
    major = str(wanted[0])
    return major if major in versions else None


def caniuse_import_csv(report: Report) -> str:
    """A GA4-style CSV export of the (non-bot) traffic, for caniuse.com's usage importer."""
    views: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for row in report.uas:
        if row.is_bot or row.unclassified:
            continue
        browser = _GA4_BROWSERS.get(row.browser, row.browser_name)
        os_name = _GA4_OS.get(row.os_name, row.os_name)
        views[browser, row.version, os_name, row.device] += row.requests
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["Browser", "Browser version", "Views", "Operating system", "OS version", "Device category"]
    )
    for (browser, version, os_name, device), count in sorted(
        views.items(), key=lambda kv: (-kv[1], kv[0])
    ):
        writer.writerow([browser, version, count, os_name, "(not set)", device])
    return out.getvalue()
