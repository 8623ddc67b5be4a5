"""``baseline …`` queries: which browser versions support a Baseline feature set.

Follows baseline-browser-mapping's ``getCompatibleVersions`` on its timeline (bundled
in ``baseline.json``): the cut-off date is the end of the target year, or today / the
given date minus 30 months for "widely available", and each browser contributes the
newest version listed on or before it. browserslist then asks for ``agent >= version``.
"""

from __future__ import annotations

import math

from jreject.browserslist._js import iso_date_ms, month_shift, utc_ms, year_end_ms
from jreject.data import load_baseline

__all__ = ["WIDELY_AVAILABLE_MONTHS", "baseline_queries"]

#: A feature is "widely available" 30 months after it became Baseline.
WIDELY_AVAILABLE_MONTHS = 30
_BASELINE_START = utc_ms(2015, 6, 29)


def _compatible(cutoff: float, downstream: bool, kaios: bool) -> list[tuple[str, str]]:
    data = load_baseline()
    if math.isnan(cutoff):
        return []
    latest: dict[str, str] = {}
    for date, entries in data["timeline"]:
        if date == "pre_baseline" or iso_date_ms(date) <= cutoff:
            for short, version in entries:
                latest[short] = version
    before = cutoff < _BASELINE_START
    out: list[tuple[str, str]] = []
    for short, long_name, engine in data["browsers"]:
        if short == "k" and not kaios:
            continue
        if not (downstream or engine is None):
            continue
        if before:
            out.append((long_name, "0"))
        elif short in latest:
            out.append((long_name, latest[short]))
    return out


def baseline_queries(
    *,
    year: str | None,
    availability: str | None,
    date: str | None,
    downstream: bool,
    kaios: bool,
    now: float,
    agents: dict[str, str],
) -> list[str]:
    """``["chrome >= 120", …]`` for a parsed ``baseline`` clause (browserslist's bbmTransform).

    Raises :class:`~jreject.browserslist.errors.BrowserslistError` for "newly available
    on DATE", which browserslist rejects too.
    """
    from jreject.browserslist.errors import BrowserslistError

    if availability == "newly" and date:
        raise BrowserslistError(
            "Using newly available with a date is not supported, please use "
            '"widely available on YYYY-MM-DD" and add 30 months to the date you specified.'
        )
    if year:
        cutoff = year_end_ms(year)
    elif date:
        cutoff = month_shift(iso_date_ms(date), -WIDELY_AVAILABLE_MONTHS)
    elif availability == "newly":
        # browserslist asks for "widely available" 30 months from now, which is today.
        ahead = month_shift(now, WIDELY_AVAILABLE_MONTHS)
        cutoff = month_shift(ahead, -WIDELY_AVAILABLE_MONTHS)
    else:
        cutoff = month_shift(now, -WIDELY_AVAILABLE_MONTHS)

    if kaios and not downstream:
        # KaiOS only comes with the downstream browsers, so take it from that list.
        versions = _compatible(cutoff, False, False) + [
            entry for entry in _compatible(cutoff, True, True) if entry[0] == "kai_os"
        ]
    else:
        versions = _compatible(cutoff, downstream, kaios)
    return [f"{agents[name]} >= {version}" for name, version in versions if name in agents]
