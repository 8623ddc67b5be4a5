"""Deprecated path of :mod:`jreject.django` (kept for one release)."""

from __future__ import annotations

from typing import Any

__all__ = ["JRejectMiddleware", "jreject_exempt", "jreject_policy"]


def __getattr__(name: str) -> Any:
    # Lazy, as jreject.django itself: no Django import before settings are configured.
    if name in __all__:
        import jreject.django

        return getattr(jreject.django, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
