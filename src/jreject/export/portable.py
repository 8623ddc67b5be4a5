"""Regular expressions in the syntax every edge dialect reads alike.

``bot_patterns`` are RE2 syntax (docs/bots.md); the targets read PCRE (nginx, Varnish,
Fastly), JavaScript, Python ``re`` and Rust ``regex`` (Cloudflare). :func:`portable`
keeps a pattern's meaning in the part of the syntax all of them share, and writes a
quote, a backslash or a percent sign as a hex escape, so that no target's string quoting
can change it.
"""

from __future__ import annotations

import re

__all__ = ["portable"]

#: Escapes every dialect reads alike (punctuation is escaped literally everywhere).
_CLASS_ESCAPES = frozenset("dDwWsStnr")
_ESCAPES = _CLASS_ESCAPES | frozenset("bB")
_HEX = re.compile(r"x[0-9A-Fa-f]{2}")
_QUANTIFIER = re.compile(r"\{[0-9]+(?:,[0-9]*)?\}")
_NAMED_GROUP = re.compile(r"\(\?P?<[A-Za-z_][A-Za-z0-9_]*>")
#: What a quote, a backslash and a percent sign become: nginx and VCL strings would
#: read the first two, and Fastly's VCL reads %xx as an escape in a string.
_LITERAL = {'"': "\\x22", "\\": "\\x5c", "%": "\\x25"}


def portable(pattern: str) -> tuple[str, bool] | None:
    """``pattern`` as every target reads it, and whether it ignores case; None if it cannot be.

    A leading ``(?i)`` becomes the case flag and a named group a plain one; other
    flags, look-around, Unicode classes (``\\pL``), POSIX classes, ``\\A``/``\\z`` and
    non-ASCII or control characters are read differently by some target: None.
    """
    ignore_case = pattern.startswith("(?i)")
    text = pattern[4:] if ignore_case else pattern
    out: list[str] = []
    index = 0
    in_class = False
    while index < len(text):
        char = text[index]
        if not (char.isascii() and char.isprintable()):
            return None
        if char == "\\":
            escape = _escape(text, index + 1, in_class)
            if escape is None:
                return None
            written, index = escape
            out.append(written)
            continue
        if in_class:
            if char == "[":
                return None  # [:alpha:] and nested sets
            in_class = char != "]"
        elif char == "[":
            in_class = True
            start = index + 2 if text.startswith("[^", index) else index + 1
            if text.startswith("]", start):
                return None  # a leading ] is literal in some dialects only
            out.append(text[index:start])
            index = start
            continue
        elif char == "(" and text.startswith("(?", index):
            if text.startswith("(?:", index):
                out.append("(?:")
                index += 3
                continue
            named = _NAMED_GROUP.match(text, index)
            if named is None:
                return None
            out.append("(?:")
            index = named.end()
            continue
        elif char == "{":
            quantifier = _QUANTIFIER.match(text, index)
            if quantifier is None:
                return None
            out.append(quantifier.group())
            index = quantifier.end()
            continue
        out.append(_LITERAL.get(char, char))
        index += 1
    return ("".join(out), ignore_case) if not in_class else None


def _escape(text: str, index: int, in_class: bool) -> tuple[str, int] | None:
    """The escape starting after the backslash at ``index - 1``, and where it ends."""
    if index >= len(text):
        return None
    char = text[index]
    if char in _LITERAL:
        return _LITERAL[char], index + 1
    if char.isascii() and char.isprintable() and not char.isalnum():
        return "\\" + char, index + 1
    if char in (_CLASS_ESCAPES if in_class else _ESCAPES):
        return "\\" + char, index + 1
    hexadecimal = _HEX.match(text, index)
    if hexadecimal is not None:
        return "\\" + hexadecimal.group(), hexadecimal.end()
    return None
