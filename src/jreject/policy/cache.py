"""A verdict cache: request headers → :class:`Verdict`, without detecting twice.

Keyed by the exact values of the headers detection reads
(:data:`jreject.detect.headers.DETECTION_HEADERS`), so equal keys give equal
verdicts by construction: on a miss the client is detected from the key itself.
Bounded in entries and in bytes of keys (a User-Agent may be 64 KiB).

Reads take no lock: a dict look-up and ``OrderedDict.move_to_end`` are each one
C call, atomic under the GIL, as ua-parser's ``caching.Lru`` relies on too.
Inserting and evicting take the lock. Two threads missing on the same key both
detect, and one result wins: cheaper than making every miss wait.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from jreject.detect.client import Client
from jreject.detect.headers import (
    DETECTION_HEADERS,
    Headers,
    HeadersLike,
    detection_key,
    detection_key_from_environ,
    detection_key_from_scope,
)
from jreject.policy.base import Policy, Verdict
from jreject.policy.bots import BOT_MODES, BotMode, decide

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ENTRIES",
    "CacheStats",
    "Detect",
    "VerdictCache",
]

#: Enough for the distinct browsers of a busy site; each entry is a few hundred bytes.
DEFAULT_MAX_ENTRIES = 10_000
#: Bytes of header text kept as keys; bounds memory when clients send huge headers.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024

#: Anything that turns headers into a :class:`Client` (``jreject.detect.detect``).
Detect = Callable[[Headers], Client]

Key = tuple[str | None, ...]


@dataclass(frozen=True, slots=True)
class CacheStats:
    """A snapshot of a cache's counters. Under heavy thread contention the hit and
    miss counts may undercount slightly: they are plain increments, not locked."""

    hits: int
    misses: int
    entries: int
    bytes: int
    max_entries: int
    max_bytes: int


class VerdictCache:
    """Cached :func:`decide` for a policy and a detector; itself a :class:`Policy`.

    ``from_environ`` (WSGI), ``from_scope`` (ASGI) and ``from_headers`` (any
    mapping) read the key straight from the request and return the cached verdict,
    or detect, decide and remember. Calling the cache with a :class:`Client`
    decides without caching (the client is already detected).
    """

    __slots__ = (
        "_data",
        "_from_key",
        "_lock",
        "bots",
        "bytes",
        "detector",
        "hits",
        "max_bytes",
        "max_entries",
        "misses",
        "policy",
    )

    def __init__(
        self,
        policy: Policy,
        detector: Detect | None = None,
        *,
        bots: BotMode = "allow",
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
    ) -> None:
        if bots not in BOT_MODES:
            raise ValueError(f"bots must be one of {', '.join(BOT_MODES)}, got {bots!r}")
        for name, bound in (("max_entries", max_entries), ("max_bytes", max_bytes)):
            if isinstance(bound, bool) or not isinstance(bound, int) or bound < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {bound!r}")
        self.policy = policy
        self.bots: BotMode = bots
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.detector: Detect = detector if detector is not None else _default_detector()
        # jreject's Detector can take the cache key as it is; any other callable
        # gets a header view built from it.
        self._from_key: Callable[[Key], Client] | None = getattr(self.detector, "from_key", None)
        self._data: OrderedDict[Key, Verdict] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0
        self.bytes = 0

    def __call__(self, client: Client, /) -> Verdict:
        return decide(client, self.policy, bots=self.bots)

    def from_environ(self, environ: Mapping[str, Any]) -> Verdict:
        """The verdict for a WSGI request."""
        # The hot path of every request: _get's body inlined, one call fewer.
        key = detection_key_from_environ(environ)
        verdict = self._data.get(key)
        if verdict is None:
            return self._miss(key)
        self.hits += 1
        try:  # noqa: SIM105 - a context manager costs more than the look-up
            self._data.move_to_end(key)
        except KeyError:
            pass  # evicted by another thread since the get: still a valid answer
        return verdict

    def from_scope(self, scope: Mapping[str, Any]) -> Verdict:
        """The verdict for an ASGI ``http`` scope."""
        key = detection_key_from_scope(scope)
        verdict = self._data.get(key)
        if verdict is None:
            return self._miss(key)
        self.hits += 1
        try:  # noqa: SIM105 - as in from_environ
            self._data.move_to_end(key)
        except KeyError:
            pass
        return verdict

    def from_headers(self, headers: HeadersLike) -> Verdict:
        """The verdict for headers in any form :class:`Headers` accepts."""
        view = headers if isinstance(headers, Headers) else Headers(headers)
        return self._get(detection_key(view))

    def _get(self, key: Key) -> Verdict:
        data = self._data
        verdict = data.get(key)
        if verdict is not None:
            self.hits += 1
            # Not contextlib.suppress: entering a context manager costs more than the look-up.
            try:  # noqa: SIM105
                data.move_to_end(key)
            except KeyError:
                pass  # evicted by another thread since the get: still a valid answer
            return verdict
        return self._miss(key)

    def _miss(self, key: Key) -> Verdict:
        self.misses += 1
        if self._from_key is not None:
            client = self._from_key(key)
        else:
            client = self.detector(
                Headers(
                    {
                        name: value
                        for name, value in zip(DETECTION_HEADERS, key, strict=True)
                        if value is not None
                    }
                )
            )
        verdict = decide(client, self.policy, bots=self.bots)
        size = _key_bytes(key)
        if self.max_entries == 0 or size > self.max_bytes:
            return verdict
        with self._lock:
            data = self._data
            if key in data:
                return data[key]
            data[key] = verdict
            self.bytes += size
            while len(data) > self.max_entries or self.bytes > self.max_bytes:
                old_key, _ = data.popitem(last=False)
                self.bytes -= _key_bytes(old_key)
        return verdict

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        """Forget every verdict (after a policy change) and reset the counters."""
        with self._lock:
            self._data.clear()
            self.bytes = self.hits = self.misses = 0

    def stats(self) -> CacheStats:
        """The counters now, for ``jreject doctor`` and metrics."""
        return CacheStats(
            self.hits, self.misses, len(self._data), self.bytes, self.max_entries, self.max_bytes
        )


def _key_bytes(key: Key) -> int:
    # Header values are latin-1 text (one byte per character on the wire). A value
    # of another type (a server breaking PEP 3333) is counted by its repr.
    return sum(
        len(value) if isinstance(value, str) else len(repr(value))
        for value in key
        if value is not None
    )


def _default_detector() -> Detect:
    # Imported when first needed: detection loads ua-parser's rules, which a
    # policy-only user (tests, the CLI with --json on clients) need not pay for.
    from jreject import detect

    detector: Detect | None = getattr(detect, "detect", None)
    if detector is None:
        raise RuntimeError("jreject.detect.detect is not available: pass a detector")
    return detector
