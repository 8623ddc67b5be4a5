"""Deprecated path of :mod:`jreject.starlette` (kept for one release)."""

from __future__ import annotations

from jreject.starlette import *  # noqa: F403
from jreject.starlette import __all__ as __all__
