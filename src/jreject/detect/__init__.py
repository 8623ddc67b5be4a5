"""Request headers → :class:`Client`: who is visiting, as far as the headers tell.

The detector pulls in ua-parser and its rules, so it is imported on first use:
``from jreject.detect import Client`` stays cheap for code that only reads clients.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jreject.detect.client import Client, Sources
from jreject.detect.headers import DETECTION_HEADERS, Headers, HeadersLike

if TYPE_CHECKING:
    from jreject.detect.detector import Detector, default_detector, detect

__all__ = [
    "DETECTION_HEADERS",
    "Client",
    "Detector",
    "Headers",
    "HeadersLike",
    "Sources",
    "default_detector",
    "detect",
]

_LAZY = frozenset({"Detector", "default_detector", "detect"})


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from jreject.detect import detector

        return getattr(detector, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
