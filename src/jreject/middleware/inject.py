"""A sans-IO splicer that puts the notice in a streamed HTML body: in place of
:data:`PLACEHOLDER` where the page holds it, else before the page's ``</body>``.

WSGI and ASGI both feed it chunks as they come. It never joins the body: a chunk
is passed on as the same object unless it holds an end tag or the placeholder, or
ends in the middle of a tag that could be one (at most 22 bytes are then held back
for the next chunk), so memory stays flat however long the page is.

The placeholder is what the template tag and the Jinja global write
(``{% jreject_notice %}``, ``jreject_notice()``): the same few bytes for every visitor,
so a page or a fragment cached with them in it is right for everyone; each response
gets its visitor's notice there, or keeps the comment when the visitor gets none.
A page that holds it gets no notice at ``</body>``: the first placeholder takes the
fragment as soon as it streams past, and nothing is held back after it.

Only markup counts. The splicer follows the page as a browser's tokenizer reads it
(HTML's tokenization rules, reduced to what decides where markup is): a ``</body``
or a placeholder in a ``<script>`` (its strings too: old pages print with
``document.write('<body>…</body>')``), in a ``<style>``, ``<textarea>``, ``<title>``,
``<xmp>``, ``<iframe>``, ``<noscript>``, ``<noembed>`` or ``<noframes>``, in a
comment, in those tags' attributes (``<iframe srcdoc="…</body>">``) or in a
``<template>`` is text to the browser, or never shown, and a notice put there would
break that script, show its own markup as text or never show. Tag names match in any
letter case, and ``</script`` ends a script wherever it stands, in a string too, as in
a browser. The state goes from one chunk to the next in a few integers. To keep the
cost to one test at every ``<`` (done by the regex engine), other tags are not read
through: a ``</body`` in *their* attribute values (``<a title="</body>">``) still
counts, and ``<plaintext>``, obsolete, is not followed.

The notice goes before the *last* ``</body`` in markup, as django-debug-toolbar places
its own, so the bytes from that end tag on are held until the page ends or another one
comes; an end tag followed by more than :data:`END_WINDOW` bytes is not the page's own,
and is let go. A page without one gets the notice at the end, after the end tags of a
script, a text element or a ``<template>`` it left open, which would otherwise take the
notice in.

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
    "splice_whole",
]

#: What the fragment goes in front of: the page's end tag, in any letter case
#: (``</BODY >`` too), when it stands in markup.
MARKER = b"</body"
#: Where the page asks for the notice (docs/notice.md, "Placing the notice yourself"). An
#: HTML comment: a page that keeps it (an allowed visitor's) shows nothing. Written
#: by jreject alone, so it is found byte for byte.
PLACEHOLDER = b"<!-- jreject-notice -->"
#: Up to this many bytes, the parts around the insertion point are joined into one.
#: Every part costs the server a write (a syscall, and a chunk header when the length
#: is unknown) and an ASGI app a message; copying a few dozen KiB costs far less. A
#: bigger chunk is not copied, so memory stays bounded by the app's own chunk size.
JOIN_LIMIT = 64 * 1024
#: A page's own ``</body>`` is followed by ``</html>`` and little else (a comment, a
#: stray script): an end tag with more than this after it is text in the page, not
#: its end. Also what the splicer holds back at most, beyond one chunk.
END_WINDOW = 4 * 1024

#: UTF-16's byte order marks (little and big endian), and their first bytes, which a
#: body's first chunk may be cut after: a page in UTF-8 or an ASCII-based charset
#: starts with neither (0xFF and 0xFE are never UTF-8).
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
_UTF16_MARKS_CUT = (b"\xff", b"\xfe")

# -- the tokenizer, reduced -----------------------------------------------------------
#
# Where the scan is (Splicer._state): in markup; in a watched start tag (_tag_part: which
# part of it, _after: the state its ">" leads to); in a comment; in a bogus comment ("<!x"
# or "<?x", up to ">"); in the text of an element whose text is not markup (_raw: its
# name); or in a script (_script: plain, in "<!--", or in "<!--" and "<script>").
# In markup it stops only at what can change that, or is where the notice goes.
_DATA, _TAG, _COMMENT, _BOGUS, _RAW, _SCRIPT = range(6)
# In a tag, after its name: before an attribute (also after "/" and after a quoted
# value); in an attribute's name or after it, where "=" starts its value; before the
# value; in a value quoted with " or ', or unquoted. (The tokenizer's attribute states,
# merged where they react alike to every byte.)
_T_BEFORE, _T_NAMED, _T_VALUE, _T_DQ, _T_SQ, _T_UNQUOTED = range(6)

#: Elements whose text the tokenizer reads as text up to their end tag (RAWTEXT and
#: RCDATA; <noscript> as in a browser that runs scripts, which the notice needs).
_RAW_TEXT: tuple[bytes, ...] = (b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed")
_RAW_TEXT += (b"noframes", b"noscript")
#: The start tags the scan stops at in markup: text elements, <script>, <template>; and
#: the end tags: the insertion point, and what ends a <template>.
_WATCHED_START = (*_RAW_TEXT, b"script", b"template")
_WATCHED_END = (b"body", b"template")
#: What ends a tag's name (a name is matched whole: "<scripts>" is no script).
_DELIMITER = rb"[\t\n\f\r />]"


def _any_case(word: bytes) -> bytes:
    """``word`` as a pattern in any ASCII letter case, spelled with classes (``[sS]``)
    rather than IGNORECASE, which makes the regex engine slower at every "<"."""
    return b"".join(b"[%c%c]" % (c, c ^ 0x20) for c in word)


def _markup() -> tuple[re.Pattern[bytes], tuple[bytes, ...]]:
    """What the scan stops at in markup, and the name each of its groups stands for.

    "<!" (a comment, the placeholder, a doctype), "<?", and the watched tags with a
    delimiter. Every branch starts with a literal byte, which the regex engine rejects
    with one comparison, so a "<" that starts none costs little; an empty group after
    each name tells which one matched (``lastindex``).
    """
    names = [b"", b"!", b"?"]

    def branches(words: Sequence[bytes], prefix: bytes) -> bytes:
        by_letter: dict[bytes, list[bytes]] = {}
        for word in words:
            by_letter.setdefault(word[:1], []).append(word)
        found = []
        for letter, group in by_letter.items():
            for first in (letter, letter.upper()):
                names.extend(prefix + word for word in group)
                rests = b"|".join(_any_case(word[1:]) + b"()" for word in group)
                found.append(first + b"(?:" + rests + b")" + _DELIMITER)
        return b"|".join(found)

    ends = branches(_WATCHED_END, b"/")
    pattern = rb"<(?:!()|\?()|/(?:" + ends + rb")|" + branches(_WATCHED_START, b"") + rb")"
    return re.compile(pattern), tuple(names)


_MARKUP, _MARKUP_NAMES = _markup()
#: What a chunk may end in and be the start of: those, or the placeholder.
_STARTS = (*(b"<" + word for word in _WATCHED_START), b"</body", b"</template", PLACEHOLDER)
_LONGEST_START = max(map(len, _STARTS)) - 1
_PREFIXES = frozenset(start[:size] for start in _STARTS for size in range(1, len(start) + 1))
# The rest of a watched start tag, from the end of its name to its ">", as the tokenizer
# reads it (an attribute's name may hold quotes; only a value after "=" is quoted, and
# may hold ">"). Every part is possessive, so a tag the chunk cuts short fails instead of
# ending at a ">" inside a quoted value; _in_tag() then reads it part by part.
_ATTRIBUTES_PATTERN = (
    rb"(?:[\t\n\f\r /]++"
    rb"|[^\t\n\f\r />][^/>=]*+"
    rb"(?:=[\t\n\f\r ]*+(?:\"[^\"]*+\"|'[^']*+'|[^\t\n\f\r >\"'][^\t\n\f\r >]*+|(?=>))|(?!=))"
    rb")*+>"
)
_ATTRIBUTES = re.compile(_ATTRIBUTES_PATTERN)


def _whole(name: bytes, stops: bytes = b"") -> re.Pattern[bytes]:
    """An element's attributes, text and end tag, for one that the chunk holds whole
    (and, in its text, no "<" followed by ``stops``): passed over in one call."""
    end = b"/" + _any_case(name) + _DELIMITER
    text = rb"[^<]*+(?:<(?!" + end + stops + rb")[^<]*+)*+"
    return re.compile(_ATTRIBUTES_PATTERN + text + b"<" + end)


_WHOLE = {name: _whole(name) for name in _RAW_TEXT}
_WHOLE[b"script"] = _whole(b"script", b"|!--")  # "<!--" in a script: read step by step
# Within a tag, what each part runs over; the byte after it says where the tag goes.
_TAG_SKIP = {
    _T_BEFORE: re.compile(rb"[\t\n\f\r /]*+"),
    _T_NAMED: re.compile(rb"[^/>=]*+"),
    _T_VALUE: re.compile(rb"[\t\n\f\r ]*+"),
    _T_UNQUOTED: re.compile(rb"[^\t\n\f\r >]*+"),
}
# What ends a comment: "-->", or "--!>" (the opener's dashes count for "-->" alone).
_COMMENT_END = re.compile(rb"--!?>")
# The end tag of each text element: "</", its name in any case, and a delimiter.
_RAW_END = {name: re.compile(b"</" + _any_case(name) + _DELIMITER) for name in _RAW_TEXT}
# In a script: its end tag, or "<!--", in which "<script>" ... "</script>" is text and
# "-->" goes back ("script data escaped" and "double escaped" in the HTML standard).
_SCRIPT_TAG = _any_case(b"script") + _DELIMITER
_SCRIPT_DATA = re.compile(b"<(?:/" + _SCRIPT_TAG + b"|!--)")
_SCRIPT_ESCAPED = re.compile(b"</?" + _SCRIPT_TAG + b"|-->")
_SCRIPT_DOUBLE = re.compile(b"</" + _SCRIPT_TAG + b"|-->")


class Splicer:
    """Inserts ``fragment`` once: in place of the first :data:`PLACEHOLDER` in markup,
    else before the last ``</body`` (any case) in markup that is within
    :data:`END_WINDOW` bytes of the end, else at the end.

    ``feed(chunk)`` and ``finish()`` return the parts to send, in order; a part is
    never empty. ``feed(chunk, last=True)`` is ``feed`` then ``finish`` in as few
    parts as :data:`JOIN_LIMIT` allows (one write for the server). One splicer
    serves one response.
    """

    __slots__ = (
        "_after",
        "_carry",
        "_depth",
        "_done",
        "_ended",
        "_fragment",
        "_fresh",
        "_held",
        "_raw",
        "_script",
        "_state",
        "_tag_part",
        "declined",
    )

    def __init__(self, fragment: bytes) -> None:
        self._fragment = fragment
        self._held = b""
        self._carry = 0  # how many of the bytes held are to be scanned again
        self._ended = False  # whether _held starts with an end tag
        self._done = False
        self._state = _DATA  # where the scan is: the constants above
        self._tag_part = _T_BEFORE  # in a tag: which part of it
        self._after = _DATA  # in a tag: the state its ">" leads to
        self._raw = b""  # the text element the scan is in (or is in the start tag of)
        self._script = 0  # in a script: 0, in "<!--" 1, in "<!--" and "<script>" 2
        self._depth = 0  # how many <template> elements are open
        self._fresh = True  # no byte of the body seen yet
        #: True when the body starts with a UTF-16 byte order mark: it passes untouched.
        self.declined = False

    @property
    def done(self) -> bool:
        """True once the fragment has been emitted."""
        return self._done

    @property
    def held(self) -> bytes:
        """The bytes held back (from an end tag on, or a tag cut short), not yet sent."""
        return self._held

    def feed(self, chunk: bytes, *, last: bool = False) -> list[bytes]:
        """The parts to send for ``chunk`` (``last``: and for the end of the body)."""
        if self._done:
            return [chunk] if chunk else []
        if last:
            return _joined([*self.feed(chunk), *self._end()])
        if not chunk:
            return []
        if self._fresh:
            self._fresh = False
            if chunk[:2] in _UTF16_MARKS or chunk in _UTF16_MARKS_CUT:
                # A browser reads the page as UTF-16, whatever its Content-Type says (the
                # HTML standard's encoding sniffing): ASCII bytes put in it show as garbage.
                self._done = self.declined = True
                return [chunk]
        held = self._held
        data = held + chunk if held else chunk
        # The bytes held were scanned with the chunk they came in, but the last _carry.
        spot, mark, keep = self._scan(data, len(held) - self._carry)
        if spot >= 0:
            self._done, self._held, self._ended, self._carry = True, b"", False, 0
            after = spot + len(PLACEHOLDER)
            return _joined([part for part in (data[:spot], self._fragment, data[after:]) if part])
        self._carry = len(data) - keep
        parts: list[bytes] = []
        if mark >= 0:
            if mark:
                parts.append(data[:mark])
            self._held, self._ended = data[mark:], True
        elif self._ended:
            self._held = data
        else:
            return self._send_all_but(data, keep)
        if len(self._held) > END_WINDOW:
            # Too far from the end to be the page's own end tag: let it go, look further.
            data, self._ended = self._held, False
            parts += self._send_all_but(data, len(data) - self._carry)
        return parts

    def _send_all_but(self, data: bytes, keep: int) -> list[bytes]:
        """``data`` up to ``keep``; the rest is held."""
        if keep == len(data):
            self._held = b""
            return [data]
        self._held = data[keep:]
        return [data[:keep]] if keep else []

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
        # No end tag in markup: the notice goes last, after the end tags of a script,
        # a text element or a <template> the page left open, or it would be their text.
        # (A browser ignores such an end tag where nothing is open.) A tag the body ends
        # in, held only when it may be a watched one, is dropped by a browser: the notice
        # goes before it. Nothing is closed in a comment (its "-->" would show where the
        # scan is wrong) or in a tag whose attributes were sent.
        state = self._state
        if state == _SCRIPT:
            closer = b"</script>"
        elif state == _RAW:
            closer = b"</" + self._raw + b">"
        else:
            closer = b""
        if state in (_DATA, _SCRIPT, _RAW):
            closer += b"</template>" * self._depth
        parts = [closer, self._fragment, held] if state == _DATA else [held, closer, self._fragment]
        return [part for part in parts if part]

    def _scan(self, data: bytes, pos: int) -> tuple[int, int, int]:
        """Reads ``data[pos:]`` on from the state the last chunk left it in.

        Returns where the placeholder starts (-1: none; else the scan stopped there),
        where the last ``</body`` in markup starts (-1: none), and where the bytes start
        that must be read again with the next chunk (markup the chunk cuts short, at
        most 22 bytes; ``len(data)`` when none).
        """
        size = len(data)
        mark = -1
        keep = size
        state = self._state
        while pos < size:
            if state == _DATA:
                found = _MARKUP.search(data, pos)
                if found is None:
                    # A watched tag or the placeholder the chunk may cut short: held.
                    at = data.rfind(b"<", max(pos, size - _LONGEST_START))
                    if at >= 0 and _may_start(data, at):
                        keep = at
                    break
                at, pos = found.span()
                name = _MARKUP_NAMES[found.lastindex or 0]
                if name == b"!":
                    if data.startswith(PLACEHOLDER, at):
                        if not self._depth:
                            self._state = state
                            return at, mark, size
                        pos = at + len(PLACEHOLDER)  # in a <template>: a comment
                    elif _may_start(data, at):  # "<!", "<!-", "<!--", "<!-- jrej" …
                        keep = at
                        break
                    elif data.startswith(b"--", pos):  # a comment
                        pos += 2
                        if pos + 1 >= size and data.endswith(b"-"):  # "<!---"
                            keep = at
                            break
                        if data[pos] == 0x3E:  # "<!-->" and "<!--->" are whole comments
                            pos += 1
                        elif data.startswith(b"->", pos):
                            pos += 2
                        else:
                            end = _COMMENT_END.search(data, pos)
                            if end is None:
                                state = _COMMENT
                                keep = max(pos, size - _cut_comment_end(data))
                                break
                            pos = end.end()
                    else:  # a doctype, or a bogus comment
                        pos = data.find(b">", pos) + 1
                        if not pos:
                            state = _BOGUS
                            break
                elif name == b"/body":
                    if not self._depth:
                        mark = at
                elif name == b"/template":
                    if self._depth:
                        self._depth -= 1
                elif name == b"?":
                    pos = data.find(b">", pos) + 1
                    if not pos:
                        state = _BOGUS
                        break
                elif name == b"template":
                    self._depth += 1
                    state, pos = self._tag(data, pos - 1, _DATA)
                else:  # a script or a text element: passed over whole, else step by step
                    whole = _WHOLE[name].match(data, pos - 1)
                    if whole is not None:
                        pos = whole.end()
                    elif name == b"script":
                        self._script = 0
                        state, pos = self._tag(data, pos - 1, _SCRIPT)
                    else:
                        self._raw = name
                        state, pos = self._tag(data, pos - 1, _RAW)
            elif state == _TAG:
                state, pos = self._in_tag(data, pos, self._tag_part)
            elif state == _COMMENT:
                found = _COMMENT_END.search(data, pos)
                if found is None:
                    keep = max(pos, size - _cut_comment_end(data))
                    break
                state, pos = _DATA, found.end()
            elif state == _BOGUS:
                at = data.find(b">", pos)
                if at < 0:
                    break
                state, pos = _DATA, at + 1
            elif state == _RAW:
                found = _RAW_END[self._raw].search(data, pos)
                if found is None:
                    keep = _cut_end_tag(data, pos, len(self._raw) + 2, dashes=False)
                    break
                state, pos = _DATA, found.end()
            else:  # _SCRIPT
                part = self._script
                if part == 0:
                    found = _SCRIPT_DATA.search(data, pos)
                elif part == 1:
                    found = _SCRIPT_ESCAPED.search(data, pos)
                else:
                    found = _SCRIPT_DOUBLE.search(data, pos)
                if found is None:
                    keep = _cut_end_tag(data, pos, len(b"</script"), dashes=part > 0)
                    break
                at = found.start()
                if data[at] == 0x2D:  # "-->" leaves "<!--"
                    self._script, pos = 0, found.end()
                elif part == 2:  # "</script" within "<!--" and "<script>" ends the latter
                    self._script, pos = 1, found.end()
                elif data[at + 1] == 0x2F:  # the script's end tag
                    state, pos = _DATA, found.end()
                elif part == 0:  # "<!--": its dashes count for "-->"
                    self._script, pos = 1, at + 2
                else:  # "<script" within "<!--"
                    self._script, pos = 2, found.end()
        self._state = state
        return -1, mark, keep

    def _tag(self, data: bytes, pos: int, after: int) -> tuple[int, int]:
        """Reads a tag's attributes from the end of its name: (``after``, where the tag
        ends), or (_TAG, the end of ``data``) when it goes on in the next chunk."""
        whole = _ATTRIBUTES.match(data, pos)
        if whole is not None:
            return after, whole.end()
        self._after = after
        return self._in_tag(data, pos, _T_BEFORE)

    def _in_tag(self, data: bytes, pos: int, part: int) -> tuple[int, int]:
        """Reads a tag on from ``part``, as :data:`_ATTRIBUTES` does but resumably."""
        size = len(data)
        while True:
            if part in (_T_DQ, _T_SQ):
                pos = data.find(b'"' if part == _T_DQ else b"'", pos)
                if pos < 0:
                    self._tag_part = part
                    return _TAG, size
                part, pos = _T_BEFORE, pos + 1
                continue
            pos = _TAG_SKIP[part].match(data, pos).end()  # type: ignore[union-attr]
            if pos == size:
                self._tag_part = part
                return _TAG, size
            byte = data[pos]
            if byte == 0x3E:  # ">"
                return self._after, pos + 1
            if part == _T_UNQUOTED:  # white space
                part, pos = _T_BEFORE, pos + 1
            elif part == _T_BEFORE:  # an attribute's first byte, which may be "="
                part, pos = _T_NAMED, pos + 1
            elif part == _T_NAMED:  # "=" or "/"
                part, pos = (_T_VALUE if byte == 0x3D else _T_BEFORE), pos + 1
            elif byte == 0x22:  # _T_VALUE: a quote, or the first byte of an unquoted value
                part, pos = _T_DQ, pos + 1
            elif byte == 0x27:
                part, pos = _T_SQ, pos + 1
            else:
                part = _T_UNQUOTED


class FailOpenSplicer:
    """A :class:`Splicer` whose ``feed`` and ``finish`` never raise.

    On the first error it calls ``on_error`` once, from inside the ``except`` block
    (so a log call there carries the traceback), sets ``failed`` and from then on
    passes chunks through unmodified, starting with any bytes it held back: no
    byte of the app's body is lost. WSGI, ASGI, Django and Flask all splice
    through it, so each fails open the same way.
    """

    __slots__ = ("_on_decline", "_on_error", "_splicer", "failed")

    def __init__(
        self,
        fragment: bytes,
        on_error: Callable[[], object],
        on_decline: Callable[[], object] | None = None,
    ) -> None:
        self._splicer: Splicer | None = Splicer(fragment)
        self._on_error = on_error
        #: Called once when the body turns out to be UTF-16 (:attr:`Splicer.declined`).
        self._on_decline = on_decline
        #: True once splicing failed (``on_error`` has been called).
        self.failed = False

    def feed(self, chunk: bytes, *, last: bool = False) -> list[bytes]:
        """The parts to send for ``chunk``: spliced, or ``chunk`` itself once failed."""
        splicer = self._splicer
        if splicer is not None:
            held = splicer.held
            try:
                parts = splicer.feed(chunk, last=last)
            except Exception:
                self._fail()
            else:
                if splicer.declined:
                    self._splicer = None
                    if self._on_decline is not None:
                        self._on_decline()
                return parts
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


def _may_start(data: bytes, at: int) -> bool:
    """Whether ``data`` ends, from ``at``, in the start of a watched tag or of the
    placeholder (tag names in any case): the scan then reads it again with the next chunk."""
    return len(data) - at <= _LONGEST_START and data[at:].lower() in _PREFIXES


def _cut_comment_end(data: bytes) -> int:
    """How many of the last bytes of ``data`` may start a comment's end ("--!>")."""
    if data.endswith(b"--!"):
        return 3
    if data.endswith(b"--"):
        return 2
    return 1 if data.endswith(b"-") else 0


def _cut_end_tag(data: bytes, pos: int, longest: int, *, dashes: bool) -> int:
    """Where an end tag (or "<!--", or with ``dashes`` "-->") that ``data`` may end in
    starts: the last "<" among its last ``longest`` bytes, or its last dashes; not
    before ``pos``, and ``len(data)`` when none."""
    size = len(data)
    keep = data.rfind(b"<", max(pos, size - longest))
    if keep < 0:
        keep = size
    if dashes and data.endswith(b"-", pos):
        keep = min(keep, max(pos, size - (2 if data.endswith(b"--") else 1)))
    return keep


def _joined(parts: list[bytes]) -> list[bytes]:
    """``parts`` as one part when they are small together (:data:`JOIN_LIMIT`)."""
    if len(parts) > 1 and sum(map(len, parts)) <= JOIN_LIMIT:
        return [b"".join(parts)]
    return parts
