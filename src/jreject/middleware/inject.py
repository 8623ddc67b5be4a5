"""A sans-IO splicer that puts the notice before ``</body>`` of a streamed HTML body.

WSGI and ASGI both feed it chunks as they come. It never joins the body: a chunk
is passed on as the same object unless it holds the insertion point or ends with
the start of a possible ``</body`` (at most five bytes are then held back for the
next chunk), so memory stays flat however long the page is.
"""

from __future__ import annotations

import re

__all__ = ["MARKER", "Splicer"]

#: What the fragment goes in front of. The tag name is enough: HTML allows
#: ``</body >`` and any letter case, and nothing else starts with ``</body``.
MARKER = b"</body"
_PATTERN = re.compile(re.escape(MARKER), re.IGNORECASE)
_PREFIXES = tuple(MARKER[:n] for n in range(len(MARKER) - 1, 0, -1))


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
                return [self._fragment, held, chunk]
            parts.append(held)
        match = _PATTERN.search(chunk)
        if match is not None:
            self._done = True
            cut = match.start()
            if cut:
                parts.append(chunk[:cut])
            parts.append(self._fragment)
            parts.append(chunk[cut:])
            return parts
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
        return parts


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
