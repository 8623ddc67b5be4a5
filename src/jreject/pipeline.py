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
over plain HTTP) the key is the ``User-Agent`` value alone: one hash and one dict
look-up. An ASGI key keeps the header bytes as the server gave them (nothing is
decoded on a hit), so a WSGI and an ASGI request of the same browser are two
entries: a cache serves one interface in practice.

Storage is a :class:`Cache` (as in ua-parser's ``caching.py``); the default,
:class:`Clock`, is bounded in entries and in bytes of keys (a User-Agent may be
64 KiB) and evicts by the CLOCK rule: a hit only counts on its entry, and
eviction gives an entry counted since the last sweep a second chance. A hit takes
no lock and moves nothing: one dict look-up and one increment. Two threads missing
on the same key both detect, and one result wins: cheaper than making every miss
wait.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Protocol, runtime_checkable

from jreject.detect.client import Client
from jreject.detect.headers import (
    DETECTION_HEADERS,
    Headers,
    HeadersLike,
    app_package,
    detection_key,
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
    "Slot",
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

#: A cache key: the ``User-Agent`` alone when no client hint was sent (``str`` from a
#: WSGI environ or a mapping, the raw ``bytes`` from an ASGI scope), else the value of
#: every header in :data:`DETECTION_HEADERS`, in order (``None``: absent).
Key = str | bytes | tuple[Any, ...] | None

#: What a :class:`Cache` holds per key: ``[verdict, hits, ...]``, a list so that a hit
#: is one increment in place (a cache may keep more after the first two items).
Slot = list[Any]

if DETECTION_HEADERS != (
    "user-agent",
    "sec-ch-ua",
    "sec-ch-ua-mobile",
    "sec-ch-ua-platform",
    "sec-ch-ua-platform-version",
    "sec-ch-ua-full-version-list",
    "x-requested-with",
):  # pragma: no cover - environ_key and scope_key spell these out for speed
    raise ImportError("DETECTION_HEADERS changed: update jreject.pipeline")
#: ASGI header name → its place in a key.
_SCOPE_INDEX = {name.encode(): i for i, name in enumerate(DETECTION_HEADERS)}
_REQUESTED_WITH = len(DETECTION_HEADERS) - 1
_NO_HINTS: tuple[None, ...] = (None,) * (len(DETECTION_HEADERS) - 1)


def environ_key(environ: Mapping[str, Any]) -> Key:
    """The cache key of a WSGI environ (PEP 3333 values are native strings already)."""
    # `in` tests: cheaper than any set operation over the environ.
    if "HTTP_SEC_CH_UA" in environ:
        if (
            "HTTP_SEC_CH_UA_PLATFORM_VERSION" not in environ
            and "HTTP_SEC_CH_UA_FULL_VERSION_LIST" not in environ
            and "HTTP_X_REQUESTED_WITH" not in environ
        ):
            try:
                key: tuple[Any, ...] = _LOW_ENTROPY(environ)  # what Chromium sends unasked
            except KeyError:
                pass
            else:
                return key
        return _environ_hints(environ)
    if (
        "HTTP_SEC_CH_UA_MOBILE" in environ
        or "HTTP_SEC_CH_UA_PLATFORM" in environ
        or "HTTP_SEC_CH_UA_PLATFORM_VERSION" in environ
        or "HTTP_SEC_CH_UA_FULL_VERSION_LIST" in environ
        or "HTTP_X_REQUESTED_WITH" in environ
    ):
        return _environ_hints(environ)
    return environ.get("HTTP_USER_AGENT")


#: The key of a request with the User-Agent and the three low-entropy hints only, in
#: one C call (a KeyError when one is missing).
_LOW_ENTROPY = itemgetter(
    "HTTP_USER_AGENT", "HTTP_SEC_CH_UA", "HTTP_SEC_CH_UA_MOBILE", "HTTP_SEC_CH_UA_PLATFORM"
)


def _scripted(requested: Any) -> bool:
    """Whether an ``X-Requested-With`` value is one :func:`_hinted` drops for certain:
    text that cannot be an app's package name (it has no dot)."""
    return type(requested) is str and "." not in requested


def _environ_hints(environ: Mapping[str, Any]) -> Key:
    get = environ.get
    return _hinted(
        (
            get("HTTP_USER_AGENT"),
            get("HTTP_SEC_CH_UA"),
            get("HTTP_SEC_CH_UA_MOBILE"),
            get("HTTP_SEC_CH_UA_PLATFORM"),
            get("HTTP_SEC_CH_UA_PLATFORM_VERSION"),
            get("HTTP_SEC_CH_UA_FULL_VERSION_LIST"),
            get("HTTP_X_REQUESTED_WITH"),
        )
    )


def scope_key(scope: Mapping[str, Any]) -> Key:
    """The cache key of an ASGI ``http`` scope: its header bytes as they are.

    One pass over the header list, one set look-up per name, nothing decoded;
    anything unusual (a repeated name, a pair that is not a pair) goes to the
    general reader, which joins repeated values as detection does.
    """
    ua = None
    values: list[Any] | None = None
    index = _SCOPE_INDEX
    try:
        for name, value in scope.get("headers") or ():
            if name not in index:  # most headers: an `in` test costs less than a get()
                continue
            found = index[name]
            if type(value) is not bytes:
                return _general_scope_key(scope)  # the general reader decodes or drops it
            if found == 0:
                if ua is not None:
                    return _general_scope_key(scope)
                ua = value
            elif values is None:
                values = [None] * len(DETECTION_HEADERS)
                values[found] = value
            elif values[found] is None:
                values[found] = value
            else:
                return _general_scope_key(scope)
    except (TypeError, ValueError):
        return _general_scope_key(scope)
    if values is None:
        return ua
    requested = values[_REQUESTED_WITH]
    if requested is not None and b"." not in requested:
        values[_REQUESTED_WITH] = None  # a script's, not an app's: _hinted drops it too
    if values[4] is None and values[5] is None and values[6] is None:
        # _hinted's shorter keys (what Chromium sends unasked), without its slicing.
        if values[1] is None and values[2] is None and values[3] is None:
            return ua
        return (ua, values[1], values[2], values[3])
    values[0] = ua
    return _hinted(tuple(values))


def _general_scope_key(scope: Mapping[str, Any]) -> Key:
    # Decoded text: a key of another shape than the fast reader's, never equal to one.
    return _hinted(detection_key_from_scope(scope))


def headers_key(headers: HeadersLike) -> Key:
    """The cache key of headers in any form :class:`Headers` accepts."""
    view = headers if isinstance(headers, Headers) else Headers(headers)
    return _hinted(detection_key(view))


def _hinted(key: tuple[Any, ...]) -> Key:
    """``key`` (the value of every detection header) in its one kept form.

    ``X-Requested-With`` stays only when it names an app; then the ``User-Agent``
    alone when nothing else is left, the first four values when the last three are
    absent (what Chromium sends unasked), else all seven.
    """
    requested = key[_REQUESTED_WITH]
    if requested is not None:
        # An Android WebView's package name; jQuery's "XMLHttpRequest" splits no entry.
        text = requested.decode("latin-1") if type(requested) is bytes else requested
        if type(text) is str and app_package(text) != text:
            key = (*key[:_REQUESTED_WITH], None)
    if key[4:] != _HIGH_ENTROPY_ABSENT:
        return key
    return key[0] if key[1:4] == _LOW_ENTROPY_ABSENT else key[:4]


_HIGH_ENTROPY_ABSENT = (None, None, None)
_LOW_ENTROPY_ABSENT = (None, None, None)


def _full(key: Key) -> tuple[str | None, ...]:
    if isinstance(key, tuple):
        values = key if len(key) == len(DETECTION_HEADERS) else (*key, *_HIGH_ENTROPY_ABSENT)
    else:
        values = (key, *_NO_HINTS)
    # Latin-1 maps each byte to one code point: nothing lost, nothing fails.
    return tuple(value.decode("latin-1") if type(value) is bytes else value for value in values)


def _key_bytes(key: Key) -> int:
    # Header values are latin-1 text (one byte per character on the wire). A value
    # of another type (a server breaking PEP 3333) is counted by its repr.
    values = key if isinstance(key, tuple) else (key,)
    return sum(
        len(value) if isinstance(value, str | bytes) else len(repr(value))
        for value in values
        if value is not None
    )


@runtime_checkable
class Cache(Protocol):
    """Where a :class:`VerdictCache` keeps verdicts.

    The hit path reads ``entries`` itself, without a call: a hit is one dict
    look-up and ``slot[1] += 1`` (see :data:`Slot`). ``put`` stores a verdict
    within the cache's bounds (under its own lock) and returns the slot kept for
    ``key``, which is another thread's when it stored one first. ``hits`` counts
    the hits on every slot the cache has held since it was cleared.
    """

    @property
    def entries(self) -> Mapping[Key, Slot]: ...

    @property
    def bytes(self) -> int: ...

    @property
    def hits(self) -> int: ...

    def put(self, key: Key, verdict: Verdict, /) -> Slot: ...

    def clear(self) -> None: ...


class Clock:
    """The default :class:`Cache`: CLOCK eviction, bounded in entries and key bytes.

    A hit counts on its slot; eviction walks entries oldest first and gives one
    counted since the last sweep a second chance (moves it to the back), so a verdict
    in use stays, as in an LRU, without an LRU's write on every hit.
    """

    __slots__ = ("_gone", "_lock", "_queue", "bytes", "entries", "max_bytes", "max_entries")

    def __init__(
        self, max_entries: int = DEFAULT_MAX_ENTRIES, max_bytes: int = DEFAULT_MAX_BYTES
    ) -> None:
        for name, bound in (("max_entries", max_entries), ("max_bytes", max_bytes)):
            if isinstance(bound, bool) or not isinstance(bound, int) or bound < 0:
                raise ValueError(f"{name} must be a whole number >= 0, got {bound!r}")
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        #: key → [verdict, hits, hits when last swept].
        self.entries: dict[Key, Slot] = {}
        self.bytes = 0
        self._gone = 0  # hits of evicted slots
        self._queue: deque[Key] = deque()
        self._lock = threading.Lock()

    @property
    def hits(self) -> int:
        """Hits on every slot held since the last :meth:`clear`."""
        counted: int = sum(slot[1] for slot in list(self.entries.values()))
        return self._gone + counted

    def put(self, key: Key, verdict: Verdict, /) -> Slot:
        """Keep ``verdict`` for ``key`` unless it alone exceeds the bounds; evict to fit."""
        size = _key_bytes(key)
        if self.max_entries == 0 or size > self.max_bytes:
            return [verdict, 0, 0]
        with self._lock:
            entries = self.entries
            found = entries.get(key)
            if found is not None:
                return found
            slot = entries[key] = [verdict, 0, 0]
            self._queue.append(key)
            self.bytes += size
            self._evict()
        return slot

    def _evict(self) -> None:
        entries, queue = self.entries, self._queue
        # Each pass marks what it spares as swept, so two passes always free a slot;
        # the bound only matters if readers keep hitting entries during the walk.
        chances = 2 * len(queue)
        while len(entries) > self.max_entries or self.bytes > self.max_bytes:
            old = queue.popleft()
            slot = entries[old]
            hits = slot[1]
            if chances > 0 and hits != slot[2]:
                chances -= 1
                slot[2] = hits
                queue.append(old)
                continue
            del entries[old]
            self._gone += hits
            self.bytes -= _key_bytes(old)

    def __len__(self) -> int:
        return len(self.entries)

    def clear(self) -> None:
        """Forget every verdict and the hit count."""
        with self._lock:
            self.entries.clear()
            self._queue.clear()
            self.bytes = 0
            self._gone = 0


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
        "bots",
        "cache",
        "detector",
        "from_headers",
        "from_scope",
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
        self.misses = 0
        #: The verdict for an ASGI ``http`` scope.
        self.from_scope: Callable[[Mapping[str, Any]], Verdict] = self._reader(scope_key)
        #: The verdict for headers in any form :class:`Headers` accepts.
        self.from_headers: Callable[[HeadersLike], Verdict] = self._reader(headers_key)

    def __call__(self, client: Client, /) -> Verdict:
        return decide(client, self.policy, bots=self.bots)

    def _reader(self, key_of: Callable[[Any], Key]) -> Callable[[Any], Verdict]:
        """The verdict for a request whose key ``key_of`` reads: the hit path (WSGI's
        has its key read inline, :meth:`from_environ`).

        A closure rather than a method calling ``key_of``: a hit is then two Python
        calls (this and ``key_of``), a dict look-up and a count on the slot.
        """
        entries = self._entries
        miss = self._miss

        def read(request: Any) -> Verdict:
            key = key_of(request)
            slot = entries.get(key)
            if slot is None:
                return miss(key)
            slot[1] += 1
            verdict: Verdict = slot[0]
            return verdict

        return read

    def from_environ(self, environ: Mapping[str, Any], /) -> Verdict:
        """The verdict for a WSGI request: :meth:`_reader` with :func:`environ_key`
        written inline.

        The one hit path every WSGI request takes: the call to ``environ_key`` was a
        third of a hit. A method, not a closure held in an attribute as the other two
        readers are: ``cache.from_environ(environ)`` is then a specialised method call.
        A test checks that both give the same key for every combination of headers.
        """
        key: Key
        # X-Requested-With only splits an entry when it names an app (it has a dot);
        # a script's "XMLHttpRequest" (every jQuery call) keys as if it were absent.
        if "HTTP_SEC_CH_UA" in environ:
            if (
                "HTTP_SEC_CH_UA_PLATFORM_VERSION" in environ
                or "HTTP_SEC_CH_UA_FULL_VERSION_LIST" in environ
                or (
                    "HTTP_X_REQUESTED_WITH" in environ
                    and not _scripted(environ["HTTP_X_REQUESTED_WITH"])
                )
            ):
                key = _environ_hints(environ)
            else:
                try:
                    key = _LOW_ENTROPY(environ)  # what Chromium sends unasked
                except KeyError:
                    key = _environ_hints(environ)
        elif (
            "HTTP_SEC_CH_UA_MOBILE" in environ
            or "HTTP_SEC_CH_UA_PLATFORM" in environ
            or "HTTP_SEC_CH_UA_PLATFORM_VERSION" in environ
            or "HTTP_SEC_CH_UA_FULL_VERSION_LIST" in environ
            or (
                "HTTP_X_REQUESTED_WITH" in environ
                and not _scripted(environ["HTTP_X_REQUESTED_WITH"])
            )
        ):
            key = _environ_hints(environ)
        else:
            key = environ.get("HTTP_USER_AGENT")
        slot = self._entries.get(key)
        if slot is None:
            return self._miss(key)
        slot[1] += 1
        verdict: Verdict = slot[0]
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
            kept: Verdict = self.cache.put(key, verdict)[0]
        except TypeError:
            return verdict  # an unhashable value from a server breaking PEP 3333
        return kept

    @property
    def hits(self) -> int:
        """Requests answered from the cache (since the last :meth:`clear`)."""
        return self.cache.hits

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
        self.misses = 0

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
