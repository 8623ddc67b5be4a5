"""isbot's JavaScript regexes in RE2 syntax: its lookarounds spelled out.

isbot writes JavaScript regexes, some with lookarounds, which RE2 (the linear-time
engine jreject matches with) does not have. :func:`translate` rewrites a negative
lookbehind at the start or a negative lookahead at the end whose body is plain text
into an equivalent RE2 pattern; :mod:`jreject.data.bots` lists a pattern it cannot
rewrite under ``skipped`` in the bot data, with the reason, rather than run it on a
backtracking engine.
"""

from __future__ import annotations

from typing import Any

from jreject.data.regex_syntax import group_end, top_level

__all__ = ["UntranslatableError", "translate"]

_META = frozenset(".^$*+?()[]{}|\\")
_CLASS_SHORTHANDS = frozenset("dDwWsS")


class UntranslatableError(ValueError):
    """A JavaScript regex that has no RE2 equivalent :func:`translate` can build."""


def translate(pattern: str) -> str:
    """isbot's JavaScript ``pattern`` in RE2 syntax, matching the same User-Agents.

    A leading ``(?<!a|b)`` and a trailing ``(?!c|d)`` over plain text become
    alternations that spell out what may stand there instead (a trie of the
    forbidden words); JavaScript's ``[\\d-.]`` gets its literal dash escaped. The
    result consumes the characters a lookaround only looked at, which is harmless
    there: nothing else in the pattern needs them.
    """
    text = _escape_class_dashes(pattern)
    head = ""
    if text.startswith("(?<!"):
        end = _group_end(text, 0)
        head = _not_preceded_by(_words(text[4 : end - 1], pattern))
        text = text[end:]
    tail = ""
    last = _last_group_start(text)
    if last is not None and text.startswith("(?!", last):
        tail = _not_followed_by(_words(text[last + 3 : -1], pattern))
        text = text[:last]
    if any(marker in text for marker in ("(?=", "(?!", "(?<=", "(?<!")):
        raise UntranslatableError(f"{pattern!r}: a lookaround RE2 cannot express")
    return head + text + tail


def _escape_class_dashes(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    after_shorthand = False
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            out.append(pattern[i : i + 2])
            after_shorthand = in_class and pattern[i + 1] in _CLASS_SHORTHANDS
            i += 2
            continue
        if in_class and char == "-" and (after_shorthand or _shorthand_at(pattern, i + 1)):
            # "[\w\d-.]": JavaScript reads a dash next to a class escape as itself.
            out.append("\\-")
            after_shorthand = False
            i += 1
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        out.append(char)
        after_shorthand = False
        i += 1
    return "".join(out)


def _shorthand_at(pattern: str, i: int) -> bool:
    return pattern[i : i + 1] == "\\" and pattern[i + 1 : i + 2] in _CLASS_SHORTHANDS


def _last_group_start(text: str) -> int | None:
    """Where the top-level group that ends ``text`` opens, if one does."""
    try:
        items = list(top_level(text))
    except ValueError:
        raise UntranslatableError(f"{text!r}: unbalanced parentheses") from None
    if items and text[items[-1][0]] == "(" and items[-1][1] == len(text):
        return items[-1][0]
    return None


def _group_end(text: str, start: int) -> int:
    """Index just past the group opening at ``text[start]``."""
    try:
        return group_end(text, start)
    except ValueError:
        raise UntranslatableError(f"{text!r}: unbalanced parentheses") from None


def _words(body: str, pattern: str) -> list[str]:
    """The plain-text alternatives of a lookaround's body."""
    if body.startswith("(?:") and _group_end(body, 0) == len(body):
        body = body[3:-1]
    words: list[str] = []
    for alternative in body.split("|"):
        word: list[str] = []
        i = 0
        while i < len(alternative):
            char = alternative[i]
            if char == "\\" and i + 1 < len(alternative) and not alternative[i + 1].isalnum():
                word.append(alternative[i + 1])
                i += 2
                continue
            if char in _META:
                raise UntranslatableError(f"{pattern!r}: a lookaround over a pattern, not text")
            word.append(char.lower())
            i += 1
        if not word:
            raise UntranslatableError(f"{pattern!r}: an empty lookaround")
        words.append("".join(word))
    return words


def _escape(char: str) -> str:
    return "\\" + char if char in _META or char in "-]^/" else char


def _trie(words: list[str]) -> dict[str, Any]:
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a forbidden word ends here
    return root


def _not_followed_by(words: list[str]) -> str:
    """What may follow where ``(?!w1|w2…)`` stood: the end, or text spelling none of them."""

    def node(trie: dict[str, Any]) -> str:
        chars = sorted(c for c in trie if c)
        parts = ["$", "[^" + "".join(map(_escape, chars)) + "]"]
        parts += [_escape(c) + node(trie[c]) for c in chars if "" not in trie[c]]
        return "(?:" + "|".join(parts) + ")"

    return node(_trie(words))


def _not_preceded_by(words: list[str]) -> str:
    """What may precede where ``(?<!w1|w2…)`` stood: the start, or text ending in none of them."""
    parts: list[str] = []

    def walk(trie: dict[str, Any], suffix: str) -> None:
        chars = sorted(c for c in trie if c)
        spelled = "".join(map(_escape, suffix))
        parts.append("^" + spelled)
        parts.append("[^" + "".join(map(_escape, chars)) + "]" + spelled)
        for char in chars:
            if "" not in trie[char]:
                walk(trie[char], char + suffix)

    walk(_trie([word[::-1] for word in words]), "")
    return "(?:" + "|".join(parts) + ")"
