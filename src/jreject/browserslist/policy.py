"""Deprecated path of :mod:`jreject.policy.browserslist` (kept for one release): the
browserslist package is the query engine only."""

from __future__ import annotations

import warnings

from jreject.policy.browserslist import *  # noqa: F403
from jreject.policy.browserslist import __all__ as __all__

warnings.warn(
    "jreject.browserslist.policy is deprecated: import from jreject.policy.browserslist",
    DeprecationWarning,
    stacklevel=2,
)
