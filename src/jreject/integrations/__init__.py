"""Deprecated: the framework layers moved to ``jreject.django``, ``jreject.flask`` and
``jreject.starlette``. These paths keep working, with a ``DeprecationWarning``, for one
release (removed in the release after 0.x that deprecated them).
"""

from __future__ import annotations

import warnings

__all__: list[str] = []

warnings.warn(
    "jreject.integrations is deprecated: import from jreject.django, jreject.flask or "
    "jreject.starlette instead",
    DeprecationWarning,
    stacklevel=2,
)
