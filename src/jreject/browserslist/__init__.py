"""browserslist in Python: the query language and config discovery, nothing else.

    >>> from jreject.browserslist import browserslist
    >>> browserslist("safari 17.2-17.4")
    ['safari 17.4', 'safari 17.3', 'safari 17.2']

The matcher is imported on first use. The policies built on this engine
(``Browserslist``, ``RequireFeatures``) are in :mod:`jreject.policy.browserslist`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from jreject.browserslist.config import find_config, load_config, parse_config
from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.resolve import Options, browserslist

if TYPE_CHECKING:
    from jreject.browserslist.features import feature_minimums, minimum_versions
    from jreject.browserslist.match import Coverage, MatchOptions

__all__ = [
    "BrowserslistError",
    "Coverage",
    "MatchOptions",
    "Options",
    "browserslist",
    "feature_minimums",
    "find_config",
    "load_config",
    "minimum_versions",
    "parse_config",
]

_LAZY = {
    "Coverage": "match",
    "MatchOptions": "match",
    "feature_minimums": "features",
    "minimum_versions": "features",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    if name in ("Browserslist", "RequireFeatures"):
        # Their policy kind lives in jreject.policy.browserslist: this package is the
        # query engine only. Kept here for one release.
        import warnings

        warnings.warn(
            f"jreject.browserslist.{name} is deprecated: use jreject.policy.browserslist",
            DeprecationWarning,
            stacklevel=2,
        )
        return getattr(importlib.import_module("jreject.policy.browserslist"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
