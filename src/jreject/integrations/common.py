"""Deprecated path of :mod:`jreject.middleware.site` (kept for one release)."""

from __future__ import annotations

from jreject.middleware.site import *  # noqa: F403
from jreject.middleware.site import __all__ as __all__
