"""What a rejected visitor sees: the modal, the banner and the 406 page.

The middleware builds a :class:`NoticeRequest` per request and asks a :class:`Notice`
(configured once) for bytes; see ``docs/notice.md``.
"""

from __future__ import annotations

from typing import Any

from jreject.notice.browsers import (
    BROWSERS,
    DEFAULT_BROWSERS,
    Advice,
    Suggestion,
    advise,
    platform_of,
    suggest,
)
from jreject.notice.render import Notice, NoticeRequest
from jreject.notice.safety import safe_url
from jreject.notice.texts import DEFAULT_TEXTS, JREJECT_NAMES, TEXT_KEYS

__all__ = [
    "BROWSERS",
    "DEFAULT_BROWSERS",
    "DEFAULT_TEXTS",
    "JREJECT_NAMES",
    "TEXT_KEYS",
    "TRANSLATIONS",
    "Advice",
    "Notice",
    "NoticeRequest",
    "Suggestion",
    "advise",
    "platform_of",
    "safe_url",
    "suggest",
]


def __getattr__(name: str) -> Any:
    if name == "TRANSLATIONS":
        from jreject.notice import texts

        return texts.TRANSLATIONS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
