"""A sans-IO splicer that puts the notice before ``</body>`` of a streamed HTML body.

WSGI and ASGI both feed it chunks as they come. It never joins the body: a chunk
is passed on as the same object unless it holds the insertion point or ends with
the start of a possible ``</body`` (at most five bytes are then held back for the
next chunk), so memory stays flat however long the page is.

:class:`FailOpenSplicer` is what the adapters use: the same splicer, but a failure
stops splicing instead of breaking a response that may already have started.
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = ["JOIN_LIMIT", "MARKER", "FailOpenSplicer", "Splicer", "find_marker"]

#: What the fragment goes in front of. The tag name is enough: HTML allows
#: ``</body >`` and any letter case, and nothing else starts with ``</body``.
MARKER = b"</body"
#: The marker in any letter case, spelled as classes rather than with IGNORECASE: the
#: regex engine then jumps from one ``</`` to the next with its literal-prefix search
#: (about 2.5 times faster on a real page than lowering it), copies nothing, and stays
#: linear on a body made only of ``</``.
_MARKER_ANY_CASE = re.compile(rb"</[bB][oO][dD][yY]")
_PREFIXES = tuple(MARKER[:n] for n in range(len(MARKER) - 1, 0, -1))
#: Up to this many bytes, the parts around the insertion point are joined into one.
#: Every part costs the server a write (a syscall, and a chunk header when the length
#: is unknown) and an ASGI app a message; copying a few dozen KiB costs far less. A
#: bigger chunk is not copied, so memory stays bounded by the app's own chunk size.
JOIN_LIMIT = 64 * 1024


class Splicer:
    """Inserts ``fragment`` once, before the first ``</body`` (any case), else at the end.

    ``feed(chunk)`` and ``finish()`` return the parts to send, in order; a part is
    never empty. One splicer serves one response.
    """

    __slots__ = ("_done", "_fragment", "_held")

    def __init__(self, fragment: bytes) -> None:
        self._fragment = fragment
        self._held = b""
        self._done = False

    @property
    def done(self) -> bool:
        """True once the fragment has been emitted."""
        return self._done

    @property
    def held(self) -> bytes:
        """The bytes held back as a possible start of ``</body``, not yet sent."""
        return self._held

    def feed(self, chunk: bytes) -> list[bytes]:
        """The parts to send for ``chunk``."""
        if self._done:
            return [chunk] if chunk else []
        if not chunk:
            return []
        parts: list[bytes] = []
        held = self._held
        if held:
            self._held = b""
            # ``held`` is a proper prefix of the marker; '<' occurs only at its
            # start, so the marker either begins exactly there or not in ``held``.
            rest = len(MARKER) - len(held)
            if len(chunk) < rest:
                joined = held + chunk
                if MARKER.startswith(joined.lower()):
                    self._held = joined
                    return []
                # Not the marker after all, but a later '<' in it may start one.
                return self.feed(joined)
            if chunk[:rest].lower() == MARKER[len(held) :]:
                self._done = True
                return _joined([self._fragment, held, chunk])
            parts.append(held)
        cut = find_marker(chunk)
        if cut >= 0:
            self._done = True
            if cut:
                parts.append(chunk[:cut])
            parts.append(self._fragment)
            parts.append(chunk[cut:])
            return _joined(parts)
        keep = _held_suffix(chunk)
        if keep:
            self._held = chunk[-keep:]
            if len(chunk) > keep:
                parts.append(chunk[:-keep])
        else:
            parts.append(chunk)
        return parts

    def finish(self) -> list[bytes]:
        """The parts left at the end: a page without ``</body>`` gets the fragment last."""
        if self._done:
            return []
        self._done = True
        parts = [self._held] if self._held else []
        self._held = b""
        parts.append(self._fragment)
        return _joined(parts)


class FailOpenSplicer:
    """A :class:`Splicer` whose ``feed`` and ``finish`` never raise.

    On the first error it calls ``on_error`` once, from inside the ``except`` block
    (so a log call there carries the traceback), sets ``failed`` and from then on
    passes chunks through unmodified, starting with any bytes it held back: no
    byte of the app's body is lost. WSGI, ASGI, Django and Flask all splice
    through it, so each fails open the same way.
    """

    __slots__ = ("_on_error", "_splicer", "failed")

    def __init__(self, fragment: bytes, on_error: Callable[[], object]) -> None:
        self._splicer: Splicer | None = Splicer(fragment)
        self._on_error = on_error
        #: True once splicing failed (``on_error`` has been called).
        self.failed = False

    def feed(self, chunk: bytes) -> list[bytes]:
        """The parts to send for ``chunk``: spliced, or ``chunk`` itself once failed."""
        splicer = self._splicer
        if splicer is not None:
            held = splicer.held
            try:
                return splicer.feed(chunk)
            except Exception:
                self._fail()
            # feed() returns all its parts or none: what it held before goes out now.
            return [part for part in (held, chunk) if part]
        return [chunk] if chunk else []

    def finish(self) -> list[bytes]:
        """The parts left at the end (nothing once failed)."""
        splicer = self._splicer
        if splicer is not None:
            held = splicer.held
            try:
                return splicer.finish()
            except Exception:
                self._fail()
            return [held] if held else []
        return []

    def _fail(self) -> None:
        self._splicer = None
        self.failed = True
        self._on_error()


def find_marker(chunk: bytes) -> int:
    """Where the first ``</body`` of ``chunk`` starts (any letter case), or -1."""
    found = _MARKER_ANY_CASE.search(chunk)
    return -1 if found is None else found.start()


def _held_suffix(chunk: bytes) -> int:
    """How many trailing bytes of ``chunk`` could start the marker (0 when none)."""
    tail = chunk[-(len(MARKER) - 1) :]
    if b"<" not in tail:
        return 0
    tail = tail.lower()
    for prefix in _PREFIXES:
        if tail.endswith(prefix):
            return len(prefix)
    return 0


def _joined(parts: list[bytes]) -> list[bytes]:
    """``parts`` as one part when they are small together (:data:`JOIN_LIMIT`)."""
    if len(parts) > 1 and sum(map(len, parts)) <= JOIN_LIMIT:
        return [b"".join(parts)]
    return parts
