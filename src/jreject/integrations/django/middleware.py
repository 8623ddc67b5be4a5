"""Deprecated path of :mod:`jreject.django.middleware` (kept for one release)."""

from __future__ import annotations

from jreject.django.middleware import *  # noqa: F403
from jreject.django.middleware import __all__ as __all__
