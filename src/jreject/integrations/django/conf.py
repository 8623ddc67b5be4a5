"""Deprecated path of :mod:`jreject.django.conf` (kept for one release)."""

from __future__ import annotations

from jreject.django.conf import *  # noqa: F403
from jreject.django.conf import __all__ as __all__
