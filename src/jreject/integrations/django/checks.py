"""Deprecated path of :mod:`jreject.django.checks` (kept for one release)."""

from __future__ import annotations

from jreject.django.checks import *  # noqa: F403
from jreject.django.checks import __all__ as __all__
