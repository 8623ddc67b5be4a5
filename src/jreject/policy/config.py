"""Deprecated path of :mod:`jreject.config` (kept for one release): loading a
configuration builds the notice and the detector too, so it sits above the policies."""

from __future__ import annotations

import warnings

from jreject.config import *  # noqa: F403
from jreject.config import __all__ as __all__

warnings.warn(
    "jreject.policy.config is deprecated: import from jreject.config",
    DeprecationWarning,
    stacklevel=2,
)
