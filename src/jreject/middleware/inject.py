"""A sans-IO splicer that puts the notice in a streamed HTML body: in place of
:data:`PLACEHOLDER` where the page holds it, else before ``</body>``.

WSGI and ASGI both feed it chunks as they come. It never joins the body: a chunk
is passed on as the same object unless it holds an end tag or the placeholder, or
ends with the start of a possible one (at most 22 bytes are then held back for the
next chunk), so memory stays flat however long the page is.

The placeholder is what the template tag and the Jinja global write
(``{% jreject_notice %}``, ``jreject_notice()``): the same few bytes for every visitor,
so a page or a fragment cached with them in it is right for everyone; each response
gets its visitor's notice there, or keeps the comment when the visitor gets none.
A page that holds it gets no notice at ``</body>``: the first placeholder takes the
fragment as soon as it streams past, and nothing is held back after it.

The notice goes before the *last* ``</body``, as django-debug-toolbar places its
own: an earlier one is text inside a script or a comment (old pages print with
``document.write('<body>…</body>')``), and a notice inserted there would end that
script early and show its code as text. So the bytes from an end tag on are held
until the page ends or another end tag comes; an end tag followed by more than
:data:`END_WINDOW` bytes is not the page's own, and is let go.

:class:`FailOpenSplicer` is what the adapters use: the same splicer, but a failure
stops splicing instead of breaking a response that may already have started.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = [
    "END_WINDOW",
    "JOIN_LIMIT",
    "MARKER",
    "PLACEHOLDER",
    "FailOpenSplicer",
    "Splicer",
    "last_marker",
    "splice_whole",
]

#: What the fragment goes in front of. The tag name is enough: HTML allows
#: ``</body >`` and any letter case, and nothing else starts with ``</body``.
MARKER = b"</body"
#: The marker in any letter case, spelled as classes rather than with IGNORECASE: the
#: regex engine then jumps from one ``</`` to the next with its literal-prefix search
#: (about 2.5 times faster on a real page than lowering it), copies nothing, and stays
#: linear on a body made only of ``</``.
_MARKER_ANY_CASE = re.compile(rb"</[bB][oO][dD][yY]")
#: Where the page asks for the notice (docs/notice.md, "Placing the notice yourself"). An
#: HTML comment: a page that keeps it (an allowed visitor's) shows nothing. Written
#: by jreject alone, so it is found byte for byte.
PLACEHOLDER = b"<!-- jreject-notice -->"
_PLACEHOLDER_STARTS = tuple(PLACEHOLDER[:n] for n in range(len(PLACEHOLDER)))
#: Up to this many bytes, the parts around the insertion point are joined into one.
#: Every part costs the server a write (a syscall, and a chunk header when the length
#: is unknown) and an ASGI app a message; copying a few dozen KiB costs far less. A
#: bigger chunk is not copied, so memory stays bounded by the app's own chunk size.
JOIN_LIMIT = 64 * 1024
#: A page's own ``</body>`` is followed by ``</html>`` and little else (a comment, a
#: stray script): an end tag with more than this after it is text in the page, not
#: its end. Also what the splicer holds back at most, beyond one chunk.
END_WINDOW = 4 * 1024


class Splicer:
    """Inserts ``fragment`` once: in place of the first :data:`PLACEHOLDER`, else
    before the last ``</body`` (any case) that is within :data:`END_WINDOW` bytes of
    the end, else at the end.

    ``feed(chunk)`` and ``finish()`` return the parts to send, in order; a part is
    never empty. ``feed(chunk, last=True)`` is ``feed`` then ``finish`` in as few
    parts as :data:`JOIN_LIMIT` allows (one write for the server). One splicer
    serves one response.
    """

    __slots__ = ("_done", "_ended", "_fragment", "_held")

    def __init__(self, fragment: bytes) -> None:
        self._fragment = fragment
        self._held = b""
        self._ended = False  # whether _held starts with an end tag
        self._done = False

    @property
    def done(self) -> bool:
        """True once the fragment has been emitted."""
        return self._done

    @property
    def held(self) -> bytes:
        """The bytes held back (from an end tag on, or a possible start of one), not yet sent."""
        return self._held

    def feed(self, chunk: bytes, *, last: bool = False) -> list[bytes]:
        """The parts to send for ``chunk`` (``last``: and for the end of the body)."""
        if self._done:
            return [chunk] if chunk else []
        if last:
            return _joined([*self.feed(chunk), *self._end()])
        if not chunk:
            return []
        held = self._held
        data = held + chunk if held else chunk
        # Every byte held was searched with the chunk it came in: only a placeholder
        # that starts in its last bytes can be new.
        at = data.find(PLACEHOLDER, max(0, len(held) - len(PLACEHOLDER) + 1))
        if at >= 0:
            self._done, self._held, self._ended = True, b"", False
            after = at + len(PLACEHOLDER)
            return _joined([part for part in (data[:at], self._fragment, data[after:]) if part])
        at = last_marker(data)
        parts: list[bytes] = []
        if at >= 0:
            if at:
                parts.append(data[:at])
            self._held, self._ended = data[at:], True
        elif self._ended:
            self._held = data
        else:
            self._held = b""
            parts += self._send_but_a_possible_start(data)
            return parts
        if len(self._held) > END_WINDOW:
            # Too far from the end to be the page's own end tag: let it go, look further.
            data, self._held, self._ended = self._held, b"", False
            parts += self._send_but_a_possible_start(data)
        return parts

    def _send_but_a_possible_start(self, data: bytes) -> list[bytes]:
        keep = _held_suffix(data)
        if not keep:
            return [data]
        self._held = data[-keep:]
        return [data[:-keep]] if len(data) > keep else []

    def finish(self) -> list[bytes]:
        """The parts left at the end: the fragment before the held end tag, or last."""
        return _joined(self._end()) if not self._done else []

    def _end(self) -> list[bytes]:
        if self._done:  # the placeholder took the fragment
            return []
        self._done = True
        held, self._held = self._held, b""
        if self._ended:
            return [self._fragment, held]
        return [held, self._fragment] if held else [self._fragment]


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

    def feed(self, chunk: bytes, *, last: bool = False) -> list[bytes]:
        """The parts to send for ``chunk``: spliced, or ``chunk`` itself once failed."""
        splicer = self._splicer
        if splicer is not None:
            held = splicer.held
            try:
                return splicer.feed(chunk, last=last)
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


def splice_whole(splicer: Splicer | FailOpenSplicer, chunks: Sequence[bytes]) -> list[bytes]:
    """The parts for a body held whole: each chunk fed, the last one as the last, so the
    end goes out in as few parts as :data:`JOIN_LIMIT` allows."""
    parts = [part for chunk in chunks[:-1] for part in splicer.feed(chunk)]
    return parts + splicer.feed(chunks[-1] if chunks else b"", last=True)


def last_marker(data: bytes) -> int:
    """Where the last ``</body`` of ``data`` starts (any letter case), or -1."""
    at = -1
    for found in _MARKER_ANY_CASE.finditer(data):
        at = found.start()
    return at


def _held_suffix(chunk: bytes) -> int:
    """How many trailing bytes of ``chunk`` could start the marker or the placeholder
    (0 when none)."""
    tail = chunk[-(len(PLACEHOLDER) - 1) :]
    size = len(tail)
    at = tail.find(b"<")
    while at >= 0:  # the first that fits is the longest
        held = size - at
        if held == 1:
            return 1
        # The byte after "<" tells which it could start: most tags start neither.
        second = tail[at + 1]
        if second == 0x21:  # "<!"
            if tail.endswith(_PLACEHOLDER_STARTS[held]):
                return held
        elif second == 0x2F and held < len(MARKER) and tail[at:].lower() == MARKER[:held]:  # "</"
            return held
        at = tail.find(b"<", at + 1)
    return 0


def _joined(parts: list[bytes]) -> list[bytes]:
    """``parts`` as one part when they are small together (:data:`JOIN_LIMIT`)."""
    if len(parts) > 1 and sum(map(len, parts)) <= JOIN_LIMIT:
        return [b"".join(parts)]
    return parts
