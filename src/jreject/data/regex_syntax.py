"""Reading regex syntax as text: the literals every match needs, branches, group ends.

Used by :mod:`jreject.data.jsregex` (which translates isbot's lookarounds for RE2) and by
:mod:`jreject.data.bot_index` (which keys every bot pattern by a piece of its text).

Required literals of a regex: the text every match must contain.

Matching 1,600 bot patterns one after another costs milliseconds per User-Agent.
Almost every pattern contains a plain piece of text that any match must include
(``Googlebot/``, ``rushbot`` in ``S[eE][mM]rushBot``), so :func:`required_literal`
pulls that piece out, and :mod:`jreject.detect.bots` puts all of them in one
Aho-Corasick automaton. One scan of the lower-cased User-Agent then names the few
patterns worth running; the rest cannot match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = [
    "MIN_LITERAL",
    "branches",
    "class_end",
    "group_end",
    "required_literal",
    "required_literals",
    "top_level",
]

#: Shorter literals would select a pattern for nearly every User-Agent.
MIN_LITERAL = 3

# Escapes whose letter stands for a class, an anchor or a code point: none of them
# is the letter itself, so each ends the literal run. The number says how many
# characters after the letter belong to the escape.
_ESCAPE_WIDTH = {"x": 2, "u": 4, "U": 8}
_QUANTIFIERS = "?*{"


def required_literal(pattern: str, flags: int = 0, min_length: int = MIN_LITERAL) -> str | None:
    """The longest text every match of ``pattern`` contains, lower-cased, or ``None``.

    Conservative by design: anything the scanner is unsure about (groups, classes,
    optional characters, verbose mode) ends the current run rather than risk
    returning text a match could lack. A pattern with top-level ``|`` has no single
    required literal; split it with :func:`branches` first.
    """
    if flags & re.VERBOSE or "(?x" in pattern or len(branches(pattern)) > 1:
        return None
    found = _required(pattern, flags, min_length, any_of=False)
    return found[0] if found else None


def required_literals(
    pattern: str, flags: int = 0, min_length: int = MIN_LITERAL
) -> tuple[str, ...] | None:
    """Texts, lower-cased, one of which every match of ``pattern`` contains, or ``None``.

    :func:`required_literal` widened to alternatives: ``(Chromium|Chrome)/(\\d+)``
    needs ``chromium`` or ``chrome``, and ``Opera Mini|Opera Mobi`` needs ``opera mini``
    or ``opera mobi``. Of the pieces every match needs, the one whose shortest text is
    longest is kept. Equally conservative: ``None`` when a branch has no such text.
    """
    if flags & re.VERBOSE or "(?x" in pattern:
        return None
    texts: list[str] = []
    for branch in branches(pattern):
        found = _required(branch, flags, min_length, any_of=True)
        if found is None:
            return None
        texts.extend(found)
    return tuple(dict.fromkeys(texts))


def _required(pattern: str, flags: int, min_length: int, *, any_of: bool) -> tuple[str, ...] | None:
    """The best piece (texts, one of which a match contains) of a pattern with no top-level ``|``.

    A piece is a run of literal characters (one text) or, for a group that must match,
    what its body requires: one text, or with ``any_of`` one per alternative.
    """
    pieces: list[tuple[str, ...]] = []
    run: list[str] = []
    i = 0
    n = len(pattern)

    def close() -> None:
        if run:
            pieces.append(("".join(run),))
            run.clear()

    while i < n:
        char = pattern[i]
        if char == "\\":
            nxt = pattern[i + 1] if i + 1 < n else ""
            if nxt and not nxt.isalnum():
                run.append(nxt)
                i += 2
                continue
            close()
            i += 2 + _ESCAPE_WIDTH.get(nxt, 0)
            if nxt == "N":
                i = pattern.find("}", i) + 1 or n
            continue
        if char in _QUANTIFIERS:
            # The character before an optional quantifier may be absent.
            if run:
                run.pop()
            close()
            i = _skip_quantifier(pattern, i)
            continue
        if char == "+":
            close()
            i += 1
            continue
        if char == "[":
            close()
            i = class_end(pattern, i)
            continue
        if char == "(":
            close()
            try:
                end = group_end(pattern, i)
            except ValueError:
                return None  # not a pattern re would compile: nothing is sure
            body = _group_body(pattern[i + 1 : end - 1])
            # A group that must match once ("(?P<at>bots?)") holds required text too.
            if body is not None and pattern[end : end + 1] not in ("?", "*", "{"):
                if any_of:
                    inner = required_literals(body, flags, min_length)
                else:
                    literal = required_literal(body, flags, min_length)
                    inner = (literal,) if literal is not None else None
                if inner:
                    pieces.append(inner)
            i = end
            continue
        if char in ".^$|)":
            close()
            i += 1
            continue
        run.append(char)
        i += 1
    close()
    if not pieces:
        return None
    best = max(pieces, key=lambda texts: min(map(len, texts)))
    if min(map(len, best)) < min_length:
        return None
    return tuple(text.lower() for text in best)


def top_level(pattern: str, *, strict: bool = True) -> Iterator[tuple[int, int]]:
    """The spans of ``pattern``'s top-level items, in order: an escape, a character
    class, a whole group, or any other single character.

    The one walker over a pattern's top level, for :func:`branches` and the
    lookaround translation (:mod:`jreject.data.jsregex`). A group that is never
    closed raises :class:`ValueError` when ``strict``, and otherwise runs to the end.
    """
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            end = i + 2
        elif char == "[":
            end = class_end(pattern, i)
        elif char == "(":
            try:
                end = group_end(pattern, i)
            except ValueError:
                if strict:
                    raise
                end = n
        else:
            end = i + 1
        end = min(end, n)  # an unclosed class or a trailing backslash ends the pattern
        yield i, end
        i = end


def branches(pattern: str) -> list[str]:
    """``pattern`` split at its top-level ``|`` (outside groups and classes).

    An unclosed group runs to the end: it holds no top-level ``|``.
    """
    parts: list[str] = []
    start = 0
    for i, end in top_level(pattern, strict=False):
        if pattern[i] == "|":  # an item of its own: a "|" inside a group never is
            parts.append(pattern[start:i])
            start = end
    parts.append(pattern[start:])
    return parts


def _group_body(group: str) -> str | None:
    """What a plain, non-capturing or named group matches; ``None`` for the rest."""
    if group.startswith("?:"):
        return group[2:]
    if group.startswith("?P<"):
        close = group.find(">")
        return group[close + 1 :] if close != -1 else None
    return None if group.startswith("?") else group


def class_end(pattern: str, i: int) -> int:
    """Index just past the character class starting at ``pattern[i] == "["``."""
    i += 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def group_end(pattern: str, i: int) -> int:
    """Index just past the group starting at ``pattern[i] == "("``.

    Raises :class:`ValueError` when the group is never closed.
    """
    depth = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = class_end(pattern, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced parentheses in {pattern!r}")


def _skip_quantifier(pattern: str, i: int) -> int:
    if pattern[i] == "{":
        end = pattern.find("}", i)
        i = end + 1 if end != -1 else i + 1
    else:
        i += 1
    # A lazy or possessive marker belongs to the quantifier.
    if i < len(pattern) and pattern[i] in "?+":
        i += 1
    return i
