"""Deprecated path of :mod:`jreject.flask` (kept for one release)."""

from __future__ import annotations

from jreject.flask import *  # noqa: F403
from jreject.flask import __all__ as __all__
