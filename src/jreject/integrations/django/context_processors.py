"""Deprecated path of :mod:`jreject.django.context_processors` (kept for one release)."""

from __future__ import annotations

from jreject.django.context_processors import *  # noqa: F403
from jreject.django.context_processors import __all__ as __all__
