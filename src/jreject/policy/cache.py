"""The verdict cache moved to :mod:`jreject.pipeline` (it reads requests, so it is not a
policy); this path keeps working for one release."""

from __future__ import annotations

from jreject.pipeline import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ENTRIES,
    CacheStats,
    Detect,
    VerdictCache,
)

__all__ = ["DEFAULT_MAX_BYTES", "DEFAULT_MAX_ENTRIES", "CacheStats", "Detect", "VerdictCache"]
