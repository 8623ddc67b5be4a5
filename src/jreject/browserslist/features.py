"""What a set of required caniuse features implies: the minimum version per browser."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from jreject import data as _data
from jreject.browserslist.resolve import Options, browserslist

__all__ = ["feature_minimums", "minimum_versions"]


def _key(item: str) -> tuple[float, ...]:
    version = item.partition(" ")[2].split("-")[0]
    try:
        return tuple(float(p) for p in version.split("."))
    except ValueError:
        return (float("inf"),)


def minimum_versions(browsers: Sequence[str]) -> list[str]:
    """The oldest version per agent in a browserslist result (``--min``), sorted by agent."""
    lowest: dict[str, str] = {}
    for item in browsers:
        agent = item.partition(" ")[0]
        if agent not in lowest or _key(item) < _key(lowest[agent]):
            lowest[agent] = item
    return [lowest[agent] for agent in sorted(lowest)]


@functools.cache
def _cached(features: tuple[str, ...], partial: bool, mobile_to_desktop: bool) -> tuple[str, ...]:
    prefix = "supports" if partial else "fully supports"
    query = " and ".join(f"{prefix} {feature}" for feature in features)
    return tuple(browserslist(query, Options(mobile_to_desktop=mobile_to_desktop)))


# Answers come from the data: new data (`jreject data update`, a reload) answers afresh.
_data.on_reload(_cached.cache_clear)


def feature_minimums(
    features: Sequence[str], *, partial: bool = False, mobile_to_desktop: bool = False
) -> list[str]:
    """``["chrome 61", "safari 11", …]``: per browser, the oldest version supporting all
    ``features`` (fully, unless ``partial``). Raises BrowserslistError for an unknown id."""
    return minimum_versions(_cached(tuple(features), partial, mobile_to_desktop))
