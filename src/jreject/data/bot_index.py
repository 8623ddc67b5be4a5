"""How the bot matcher splits and keys a pattern, worked out once and recorded in the data.

:class:`~jreject.detect.bots.BotMatcher` runs only the few patterns a User-Agent can
match: each pattern is split at its top-level ``|`` into branches, and each branch is
keyed by a piece of text every match of it contains (:mod:`jreject.data.regex_syntax`),
which one Aho-Corasick pass finds. :func:`branches_of` is that split; the bot data
generator (:func:`jreject.data.bots.convert_bots`) records it for every built-in
pattern (:func:`branch_index`), so that the matcher reads it instead of parsing and
compiling ~1,800 patterns at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from jreject.data.bot_patterns import built_in_patterns
from jreject.data.regex_syntax import branches, required_literal

try:
    import re2 as _re2
except ImportError:  # pragma: no cover - google-re2 is a core dependency
    _re2 = None

__all__ = ["INDEX_VERSION", "RARE_CHARS", "Branch", "branch_index", "branches_of"]

#: Characters browsers never put in a User-Agent: one of them is a key selective
#: enough for the prefilter on its own (the "@" of an e-mail address).
RARE_CHARS = frozenset("@+!$%^&*=~|{}[]<>?\"'\\#`")

#: One branch of a built-in pattern: its text, its key (``None``: none) and whether
#: the key must stand at the start of the User-Agent.
Branch = tuple[str, str | None, bool]

#: The version of the branch index (:func:`branch_index`) the bot data records. Bump
#: it when :func:`branches_of` (or :mod:`jreject.data.regex_syntax` under it) would
#: return anything else: an index written by another version is then not trusted.
INDEX_VERSION = 1

# A global inline flag group at the very start, e.g. "(?i)": it applies to every
# alternative, so each branch keeps it.
_LEADING_FLAGS = re.compile(r"\(\?[imsx]+\)")
_FLAG_LETTERS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def _split(pattern: str) -> list[tuple[str, str | None]]:
    """The pattern's top-level alternatives, each with its key (``None``: no usable key)."""
    parts = branches(pattern)
    head = _LEADING_FLAGS.match(parts[0])
    prefix = head.group() if head else ""
    flags = 0
    for letter in prefix[2:-1]:
        flags |= _FLAG_LETTERS[letter]
    if head:
        parts[0] = parts[0][head.end() :]
    return [(prefix + part, _key(part, flags)) for part in parts]


def branches_of(pattern: str) -> list[Branch]:
    """``pattern``'s top-level alternatives, each with its key and whether the key
    must stand at the very start of the User-Agent (``^mozilla/…``)."""
    return [
        (text, key, key is not None and _keyed_at_start(text, key)) for text, key in _split(pattern)
    ]


def _keyed_at_start(branch: str, key: str) -> bool:
    """Whether ``branch`` is anchored at ``^`` and its key is the text right after it."""
    head = _LEADING_FLAGS.match(branch)
    text = branch[head.end() :] if head else branch
    if not text.startswith("^"):
        return False
    prefix: list[str] = []
    i = 1
    while i < len(text):
        char = text[i]
        if char == "\\" and i + 1 < len(text) and not text[i + 1].isalnum():
            prefix.append(text[i + 1])
            i += 2
        elif char in ".^$|()[]{}*+?\\":
            if char in "*+?{" and prefix:
                prefix.pop()  # the character before an optional quantifier may be absent
            break
        else:
            prefix.append(char)
            i += 1
    return "".join(prefix).lower().startswith(key)


def _key(branch: str, flags: int) -> str | None:
    literal = required_literal(branch, flags)
    if literal is None:
        # One character browsers never send (the "@" of an e-mail address) is
        # selective enough on its own.
        short = required_literal(branch, flags, min_length=1)
        if short is not None and RARE_CHARS.issuperset(short):
            return short
    return literal


def branch_index(data: Mapping[str, Any]) -> list[list[Any]]:
    """The branch index of every built-in pattern, for the bot data file to record.

    One ``[pattern, [[branch, key, keyed_at_start], …]]`` a pattern (see
    :func:`branches_of`), for the patterns of ``data`` (the converted packages) and
    jreject's own (:func:`~jreject.data.bot_patterns.built_in_patterns`); each branch
    is compiled here, and a pattern RE2 refuses is left out, so that the matcher
    compiles it at start-up and reports it. Requires google-re2.
    """
    if _re2 is None:
        raise RuntimeError("indexing the bot data needs google-re2: pip install google-re2")
    options = _re2.Options()
    options.log_errors = False  # a refused pattern is left out, not a log line
    index: dict[str, list[Branch]] = {}
    for entry in built_in_patterns(data):
        if entry.pattern in index:
            continue
        try:
            split = branches_of(entry.pattern)
            for text, _, _ in split:
                _re2.compile(text, options=options)
        except (ValueError, _re2.error):
            continue
        index[entry.pattern] = split
    return [[pattern, [list(branch) for branch in split]] for pattern, split in index.items()]
