"""The verdict pipeline: request headers → detect → decide → cache.

:class:`VerdictCache` reads the headers detection needs straight from a WSGI
environ, an ASGI scope or a mapping, and returns the cached :class:`Verdict`, or
detects (:mod:`jreject.detect`), decides (:func:`jreject.policy.bots.decide`) and
remembers. It is not a policy: it sits after the policy layer, as the last step
before the middleware, and is the only part of the core that reads environs and
scopes.

The key is the exact value of each header detection reads
(:data:`jreject.detect.headers.DETECTION_HEADERS`), so equal keys give equal
verdicts by construction; on a miss the client is detected from the key itself.
Without any client hint (every browser but Chromium-based ones, and every request
over plain HTTP) the key is the ``User-Agent`` string alone: one ``str`` hash and
one dict look-up, instead of a tuple of six.

Storage is a :class:`Cache` (as in ua-parser's ``caching.py``); the default,
:class:`Clock`, is bounded in entries and in bytes of keys (a User-Agent may be
64 KiB) and evicts by the CLOCK rule: a hit only marks its entry, and eviction
gives marked entries a second chance. A hit takes no lock and moves nothing: two
dict operations, each atomic under the GIL. Two threads missing on the same key
both detect, and one result wins: cheaper than making every miss wait.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

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
from jreject.policy.bots import BotSetting, check_bots, decide

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ENTRIES",
    "Cache",
    "CacheStats",
    "Clock",
    "Detect",
    "Key",
    "VerdictCache",
    "environ_key",
    "headers_key",
    "scope_key",
]

#: Enough for the distinct browsers of a busy site; each entry is a few hundred bytes.
DEFAULT_MAX_ENTRIES = 10_000
#: Bytes of header text kept as keys; bounds memory when clients send huge headers.
DEFAULT_MAX_BYTES = 8 * 1024 * 1024

#: Anything that turns headers into a :class:`Client` (``jreject.detect.detect``).
Detect = Callable[[Headers], Client]

#: A cache key: the ``User-Agent`` alone when no client hint was sent, else the value
#: of every header in :data:`DETECTION_HEADERS`, in order (``None``: absent).
Key = str | tuple[str | None, ...] | None

_HINT_KEYS = frozenset(f"HTTP_{name.upper().replace('-', '_')}" for name in DETECTION_HEADERS[1:])
if {
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_MOBILE",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_PLATFORM_VERSION",
    "HTTP_SEC_CH_UA_FULL_VERSION_LIST",
    "HTTP_X_REQUESTED_WITH",
} != _HINT_KEYS:  # pragma: no cover - VerdictCache.from_environ spells these out for speed
    raise ImportError("DETECTION_HEADERS changed: update VerdictCache.from_environ")
_SCOPE_NAMES = tuple(name.encode() for name in DETECTION_HEADERS)
_NO_HINTS: tuple[None, ...] = (None,) * (len(DETECTION_HEADERS) - 1)


def environ_key(environ: Mapping[str, Any]) -> Key:
    """The cache key of a WSGI environ (PEP 3333 values are native strings already)."""
    if environ.keys().isdisjoint(_HINT_KEYS):
        return environ.get("HTTP_USER_AGENT")
    return _short(detection_key_from_environ(environ))


def scope_key(scope: Mapping[str, Any]) -> Key:
    """The cache key of an ASGI ``http`` scope, read from its header bytes.

    Only the ``User-Agent`` value is decoded when no hint was sent; anything unusual
    (repeated names, values that are not bytes) goes to the general reader.
    """
    pairs = scope.get("headers") or ()
    try:
        found = dict(pairs)
    except (TypeError, ValueError):
        return detection_key_from_scope(scope)
    if len(found) != len(pairs):
        return _short(detection_key_from_scope(scope))  # repeated names: joined there
    if (
        b"sec-ch-ua" in found
        or b"sec-ch-ua-mobile" in found
        or b"sec-ch-ua-platform" in found
        or b"sec-ch-ua-platform-version" in found
        or b"sec-ch-ua-full-version-list" in found
    ):
        if b"x-requested-with" in found:
            # Kept only when it names an app package: the general reader decides.
            return _short(detection_key_from_scope(scope))
        try:
            # Latin-1 maps each byte to one code point: nothing lost, nothing fails.
            return tuple(
                [
                    None if raw is None else raw.decode("latin-1")
                    for raw in map(found.get, _SCOPE_NAMES)
                ]
            )
        except AttributeError:
            return _short(detection_key_from_scope(scope))  # a value that is not bytes
    if b"x-requested-with" in found:
        return _short(detection_key_from_scope(scope))
    raw = found.get(b"user-agent")
    if type(raw) is bytes:
        return raw.decode("latin-1")
    return None if raw is None else _short(detection_key_from_scope(scope))


def headers_key(headers: HeadersLike) -> Key:
    """The cache key of headers in any form :class:`Headers` accepts."""
    view = headers if isinstance(headers, Headers) else Headers(headers)
    return _short(detection_key(view))


def _short(key: tuple[str | None, ...]) -> Key:
    return key[0] if key[1:] == _NO_HINTS else key


def _full(key: Key) -> tuple[str | None, ...]:
    return key if isinstance(key, tuple) else (key, *_NO_HINTS)


def _key_bytes(key: Key) -> int:
    # Header values are latin-1 text (one byte per character on the wire). A value
    # of another type (a server breaking PEP 3333) is counted by its repr.
    values = key if isinstance(key, tuple) else (key,)
    return sum(
        len(value) if isinstance(value, str) else len(repr(value))
        for value in values
        if value is not None
    )


@runtime_checkable
class Cache(Protocol):
    """Where a :class:`VerdictCache` keeps verdicts.

    The hit path reads ``entries`` and marks ``visited`` itself, without a call: a
    hit costs two dict operations. ``put`` stores a verdict within the cache's
    bounds (under its own lock) and returns the verdict kept for ``key``, which is
    another thread's when it stored one first.
    """

    @property
    def entries(self) -> Mapping[Key, Verdict]: ...

    @property
    def visited(self) -> MutableMapping[Key, bool]: ...

    @property
    def bytes(self) -> int: ...

    def put(self, key: Key, verdict: Verdict, /) -> Verdict: ...

    def clear(self) -> None: ...


class Clock:
    """The default :class:`Cache`: CLOCK eviction, bounded in entries and key bytes.

    A hit marks its entry in ``visited``; eviction walks entries oldest first and
    gives a marked one a second chance (unmarks it and moves it to the back), so a
    verdict in use stays, as in an LRU, without an LRU's write on every hit.
    """

    __slots__ = ("_lock", "_queue", "bytes", "entries", "max_bytes", "max_entries", "visited")

    def __init__(
        self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        for name, bound in (("max_entries", max_entries), ("max_bytes", max_bytes)):
            if isinstance(bound, bool) or not isinstance(bound, int) or bound < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {bound!r}")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.entries: dict[Key, Verdict] = {}
        self.visited: dict[Key, bool] = {}
        self.bytes = 0
        self._queue: deque[Key] = deque()
        self._lock = threading.Lock()

    def put(self, key: Key, verdict: Verdict, /) -> Verdict:
        """Keep ``verdict`` for ``key`` unless it alone exceeds the bounds; evict to fit."""
        size = _key_bytes(key)
        if self.max_entries == 0 or size > self.max_bytes:
            return verdict
        with self._lock:
            entries = self.entries
            found = entries.get(key)
            if found is not None:
                return found
            entries[key] = verdict
            self._queue.append(key)
            self.bytes += size
            self._evict()
        return verdict

    def _evict(self) -> None:
        entries, visited, queue = self.entries, self.visited, self._queue
        # Each pass unmarks what it spares, so two passes always free a slot; the
        # bound only matters if readers keep re-marking entries during the walk.
        chances = 2 * len(queue)
        while len(entries) > self.max_entries or self.bytes > self.max_bytes:
            old = queue.popleft()
            if chances > 0 and visited.pop(old, False):
                chances -= 1
                queue.append(old)
                continue
            visited.pop(old, None)
            if entries.pop(old, None) is not None:
                self.bytes -= _key_bytes(old)
        if len(visited) > 2 * len(entries) + 64:
            # A reader can mark a key just as it is evicted: drop such strays.
            for key in [k for k in visited if k not in entries]:
                visited.pop(key, None)

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        """Forget every verdict."""
        with self._lock:
            self.entries.clear()
            self.visited.clear()
            self._queue.clear()
            self.bytes = 0


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
    """Cached detect-and-decide for a policy and a detector.

    ``from_environ`` (WSGI), ``from_scope`` (ASGI) and ``from_headers`` (any
    mapping) read the key straight from the request and return the cached verdict,
    or detect, decide and remember. Calling the cache with a :class:`Client`
    decides without caching (the client is already detected). ``cache`` replaces
    the default :class:`Clock` (then ``max_entries`` / ``max_bytes`` are its own).
    """

    __slots__ = (
        "_entries",
        "_from_key",
        "_visited",
        "bots",
        "cache",
        "detector",
        "hits",
        "misses",
        "policy",
    )

    def __init__(
        self,
        policy: Policy,
        detector: Detect | None = None,
        *,
        bots: BotSetting = "allow",
        max_entries: int = DEFAULT_MAX_ENTRIES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        cache: Cache | None = None,
    ) -> None:
        try:
            bots = check_bots(bots)
        except ValueError as exc:
            raise ValueError(f"bots must be one of allow, log or a category table: {exc}") from None
        self.policy = policy
        self.bots: BotSetting = bots
        self.cache: Cache = cache if cache is not None else Clock(max_entries, max_bytes)
        self.detector: Detect = detector if detector is not None else _default_detector()
        # jreject's Detector can take the cache key as it is; any other callable
        # gets a header view built from it.
        self._from_key: Callable[[tuple[str | None, ...]], Client] | None = getattr(
            self.detector, "from_key", None
        )
        self._entries = self.cache.entries
        self._visited = self.cache.visited
        self.hits = 0
        self.misses = 0

    def __call__(self, client: Client, /) -> Verdict:
        return decide(client, self.policy, bots=self.bots)

    def from_environ(self, environ: Mapping[str, Any]) -> Verdict:
        """The verdict for a WSGI request."""
        # The hot path of every WSGI request: environ_key and _lookup inlined, as
        # each call costs about as much as the look-up itself; five `in` tests are
        # cheaper than any set operation over the environ.
        if (
            "HTTP_SEC_CH_UA" in environ
            or "HTTP_SEC_CH_UA_MOBILE" in environ
            or "HTTP_SEC_CH_UA_PLATFORM" in environ
            or "HTTP_SEC_CH_UA_PLATFORM_VERSION" in environ
            or "HTTP_SEC_CH_UA_FULL_VERSION_LIST" in environ
            or "HTTP_X_REQUESTED_WITH" in environ
        ):
            # An XHR's "XMLHttpRequest" is dropped from the key: the UA alone again.
            key: Key = _short(detection_key_from_environ(environ))
        else:
            key = environ.get("HTTP_USER_AGENT")
        verdict = self._entries.get(key)
        if verdict is None:
            return self._miss(key)
        self.hits += 1
        self._visited[key] = True
        return verdict

    def from_scope(self, scope: Mapping[str, Any]) -> Verdict:
        """The verdict for an ASGI ``http`` scope."""
        return self._lookup(scope_key(scope))

    def from_headers(self, headers: HeadersLike) -> Verdict:
        """The verdict for headers in any form :class:`Headers` accepts."""
        return self._lookup(headers_key(headers))

    def _lookup(self, key: Key) -> Verdict:
        # The hit path (from_environ holds the one inlined copy).
        verdict = self._entries.get(key)
        if verdict is None:
            return self._miss(key)
        self.hits += 1
        self._visited[key] = True
        return verdict

    def _miss(self, key: Key) -> Verdict:
        self.misses += 1
        full = _full(key)
        if self._from_key is not None:
            client = self._from_key(full)
        else:
            client = self.detector(
                Headers(
                    {
                        name: value
                        for name, value in zip(DETECTION_HEADERS, full, strict=True)
                        if value is not None
                    }
                )
            )
        verdict = decide(client, self.policy, bots=self.bots)
        try:
            return self.cache.put(key, verdict)
        except TypeError:
            return verdict  # an unhashable value from a server breaking PEP 3333

    @property
    def bytes(self) -> int:
        """Bytes of header text held as keys."""
        return self.cache.bytes

    @property
    def max_entries(self) -> int:
        """The entry bound of the default cache (0 for another cache)."""
        return int(getattr(self.cache, "max_entries", 0))

    @property
    def max_bytes(self) -> int:
        """The key-bytes bound of the default cache (0 for another cache)."""
        return int(getattr(self.cache, "max_bytes", 0))

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every verdict (after a policy change) and reset the counters."""
        self.cache.clear()
        self.hits = self.misses = 0

    def stats(self) -> CacheStats:
        """The counters now, for ``jreject doctor`` and metrics."""
        return CacheStats(
            self.hits, self.misses, len(self), self.bytes, self.max_entries, self.max_bytes
        )


def _default_detector() -> Detect:
    # Imported when first needed: detection loads ua-parser's rules, which a
    # policy-only user (tests, the CLI with --json on clients) need not pay for.
    from jreject import detect

    detector: Detect | None = getattr(detect, "detect", None)
    if detector is None:
        raise RuntimeError("jreject.detect.detect is not available: pass a detector")
    return detector
