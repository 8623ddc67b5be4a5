"""Deprecated path of :mod:`jreject.django.decorators` (kept for one release)."""

from __future__ import annotations

from jreject.django.decorators import *  # noqa: F403
from jreject.django.decorators import __all__ as __all__
