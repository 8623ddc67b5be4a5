"""browserslist in Python: the query language, config discovery, and policies.

    >>> from jreject.browserslist import browserslist
    >>> browserslist("safari 17.2-17.4")
    ['safari 17.4', 'safari 17.3', 'safari 17.2']

The policies (:class:`Browserslist`, :class:`RequireFeatures`) and the matcher are imported
on first use, so reading a query does not load the policy machinery.
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
    from jreject.browserslist.policy import Browserslist, RequireFeatures

__all__ = [
    "Browserslist",
    "BrowserslistError",
    "Coverage",
    "MatchOptions",
    "Options",
    "RequireFeatures",
    "browserslist",
    "feature_minimums",
    "find_config",
    "load_config",
    "minimum_versions",
    "parse_config",
]

_LAZY = {
    "Browserslist": "policy",
    "RequireFeatures": "policy",
    "Coverage": "match",
    "MatchOptions": "match",
    "feature_minimums": "features",
    "minimum_versions": "features",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
