"""Structured, rate-limited logging and request counters for the middleware.

Everything goes to the ``jreject`` logger with its facts in ``extra`` (keys
prefixed ``jreject_``), so a JSON log formatter picks them up as fields. A busy
site must not drown its logs: each kind of message is written at most once per
interval, and the counters say how many times it really happened.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Mapping
from typing import Any

from jreject.policy.base import Verdict

__all__ = ["COUNTER_NAMES", "LOGGER_NAME", "Counters", "RateLimitedLog", "verdict_fields"]

LOGGER_NAME = "jreject"

#: Every counter the middleware keeps, each starting at zero.
COUNTER_NAMES: tuple[str, ...] = (
    "requests",  # requests jreject decided on: the sum of the five actions below
    "allow",
    "modal",
    "banner",
    "block",
    "log",
    "injected",  # notices actually spliced into a page
    "dismissed",  # modal/banner suppressed by the close cookie
    "continued",  # block skipped because of the continue-anyway cookie
    "not_navigation",  # modal/banner/block not applied: not a page load (act_on)
    "closed",  # visits to the close endpoint
    "skipped_encoded",  # would have injected, but the body was compressed
    "skipped_charset",  # would have injected, but the page's charset is not ASCII-based
    "csp_blocked",  # notices given to a page whose CSP blocks their inline style or script
    "errors",  # failures inside jreject (the response was served unmodified)
)


_ACTIONS = ("allow", "modal", "banner", "block", "log")


class Counters:
    """Request counters, readable while the app runs (``middleware.counters``)."""

    __slots__ = ("values",)

    def __init__(self) -> None:
        #: The live counts; the middleware increments ``values["allow"]`` inline.
        self.values = dict.fromkeys(COUNTER_NAMES, 0)

    def add(self, name: str, amount: int = 1) -> None:
        """Count ``amount`` more of ``name`` (one of :data:`COUNTER_NAMES`)."""
        # No lock: this runs on every request, and a lock costs more than the rest
        # of an allowed visit. Under heavy thread contention a count may come out
        # slightly low (as the verdict cache's hit counter); it never corrupts.
        self.values[name] += amount

    def __getitem__(self, name: str) -> int:
        return self.snapshot()[name]

    def snapshot(self) -> dict[str, int]:
        """A copy of every counter."""
        values = dict(self.values)
        # Derived rather than counted: one lock per request instead of two.
        values["requests"] = sum(values[action] for action in _ACTIONS)
        return values

    def __repr__(self) -> str:
        return f"Counters({self.snapshot()!r})"


#: Message keys a :class:`RateLimitedLog` remembers at most.
_MAX_KEYS = 4096


class RateLimitedLog:
    """Writes each message key at most once per ``interval`` seconds.

    ``interval=0`` logs everything; ``once()`` logs a key only the first time, for
    set-up mistakes (a compressed body) that are worth saying once per process.
    """

    __slots__ = ("_last", "_lock", "_logger", "_seen", "interval")

    def __init__(self, interval: float, logger: logging.Logger | None = None) -> None:
        self.interval = interval
        self._logger = logger or logging.getLogger(LOGGER_NAME)
        self._last: dict[object, float] = {}
        self._seen: set[object] = set()
        self._lock = threading.Lock()

    def _allowed(self, key: object, interval: float) -> bool:
        now = time.monotonic()
        with self._lock:
            last = self._last.get(key)
            if last is not None and now - last < interval:
                return False
            if len(self._last) >= _MAX_KEYS:
                # A safety net (keys come from finite sets): forget the keys whose interval
                # is over. Forgetting them all would let every key log again at once.
                self._last = {k: t for k, t in self._last.items() if now - t < interval}
                if len(self._last) >= _MAX_KEYS:
                    return False
            self._last[key] = now
            return True

    def log(
        self,
        level: int,
        key: object,
        message: str,
        *args: object,
        fields: Mapping[str, Any] | None = None,
        exc_info: bool = False,
    ) -> bool:
        """Log unless ``key`` was logged within the interval; True when written."""
        if not self._logger.isEnabledFor(level) or not self._allowed(key, self.interval):
            return False
        self._logger.log(level, message, *args, extra=dict(fields or {}), exc_info=exc_info)
        return True

    def once(self, key: object, message: str, *args: object) -> bool:
        """Log a warning the first time ``key`` is seen in this process."""
        with self._lock:
            if key in self._seen:
                return False
            self._seen.add(key)
        if not self._logger.isEnabledFor(logging.WARNING):
            return False
        self._logger.warning(message, *args)
        return True


def verdict_fields(verdict: Verdict, path: str) -> dict[str, Any]:
    """The ``extra`` fields of a verdict log record."""
    client = verdict.client
    return {
        "jreject_action": verdict.action,
        "jreject_allowed": verdict.allowed,
        "jreject_rule": verdict.rule,
        "jreject_reasons": list(verdict.reasons),
        "jreject_browser": client.browser,
        "jreject_version": client.version_string or ".".join(map(str, client.version)),
        "jreject_os": client.os,
        "jreject_device": client.device,
        "jreject_path": path,
    }
