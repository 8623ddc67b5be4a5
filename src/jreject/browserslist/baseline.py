"""``baseline …`` queries: which browser versions support a Baseline feature set.

Follows baseline-browser-mapping's ``getCompatibleVersions`` on its timeline (bundled
in ``baseline.json``): the cut-off date is the end of the target year, or today / the
given date minus 30 months for "widely available", and each browser contributes the
newest version listed on or before it. browserslist then asks for ``agent >= version``.
"""

from __future__ import annotations

import math
import re

from jreject.browserslist._js import month_shift, utc_ms
from jreject.data import load_baseline

__all__ = ["WIDELY_AVAILABLE_MONTHS", "baseline_queries"]

#: A feature is "widely available" 30 months after it became Baseline.
WIDELY_AVAILABLE_MONTHS = 30
_BASELINE_START = utc_ms(2015, 6, 29)
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date_ms(text: str) -> float:
    # ``new Date("YYYY-MM-DD")``: UTC midnight, Invalid Date (NaN) when out of range.
    match = _ISO_DATE.fullmatch(text)
    if not match:
        return math.nan
    year, month, day = (int(g) for g in match.groups())
    if not 1 <= month <= 12 or not 1 <= day <= 31:
        return math.nan
    # JavaScript reads 2023-02-30 as 2 March; only days past 31 are invalid.
    return utc_ms(year, month - 1, day, short_years=False)


def _compatible(cutoff: float, downstream: bool, kaios: bool) -> list[tuple[str, str]]:
    data = load_baseline()
    if math.isnan(cutoff):
        return []
    latest: dict[str, str] = {}
    for date, entries in data["timeline"]:
        if date == "pre_baseline" or _date_ms(date) <= cutoff:
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
        cutoff = _date_ms(f"{year}-12-31") if len(year) == 4 else math.nan
    elif date:
        cutoff = month_shift(_date_ms(date), -WIDELY_AVAILABLE_MONTHS)
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
