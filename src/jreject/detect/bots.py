"""Is this User-Agent a bot? Crawlers, previewers, monitors, HTTP libraries, automation.

Sources, in the order they are asked (the first match names the bot):

1. the caller's own patterns (``BotMatcher(extra_patterns=[...])``);
2. jreject's named services (:mod:`jreject.detect._bot_patterns`): uptime monitors,
   SEO tools, AI crawlers, link previewers, feed readers, headless browsers;
3. the maintained ``crawler-user-agents`` list, read from the installed package,
   minus the few entries that would flag real browsers;
4. jreject's HTTP libraries and tools (curl, python-requests, okhttp, Java …);
5. generic signs: a word ending in "bot", "crawler", "spider", a URL or an e-mail
   address, the "(compatible; Name/1.0)" form, or a User-Agent of one bare token.

Ordinary browser User-Agents are recognised by their shape first and never reach
the pattern lists; everything else is narrowed to a handful of candidate patterns by
one scan for the literal text each pattern requires (see :mod:`._literals`).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from jreject.detect._bot_patterns import (
    BROWSER_SHAPE,
    GENERIC_BOTS,
    LIBRARY_BOTS,
    PACKAGE_OVERRIDES,
    SERVICE_BOTS,
    TEXT_BROWSERS,
)
from jreject.detect._literals import branches, required_literal, trie_regex

__all__ = [
    "MAX_KEY",
    "MAX_SCAN",
    "BotMatcher",
    "BotPattern",
    "compile_bot_pattern",
    "load_crawler_user_agents",
]

#: Only the first 2 KiB of a User-Agent are examined. Real ones stay under 1 KiB and
#: most servers refuse headers past 8 KiB; the cap keeps a hostile 64 KiB header cheap.
MAX_SCAN = 2048

#: Prefilter keys are cut to this length: any piece of a required literal is itself
#: required, and a short key bounds how far back a scan must start (see __call__).
MAX_KEY = 24

#: Characters browsers never put in a User-Agent: one of them is a key selective
#: enough for the prefilter on its own (the "@" of an e-mail address).
RARE_CHARS = frozenset("@+!$%^&*=~|{}[]<>?\"'\\#`")

#: The longest bot name reported when the name is taken from the matched text.
MAX_NAME = 40

CRAWLER_PACKAGE = "crawleruseragents"
CRAWLER_FILE = "crawler-user-agents.json"


# A User-Agent that is one bare token ("okhttp/4.12.0", "Nuzzel"): scripts and
# libraries send that, browsers never do, text-mode browsers excepted.
_BARE_TOKEN = re.compile(r"([A-Za-z][\w.+-]*)(?:/[\w.+()-]*)?")
_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")


@dataclass(frozen=True, slots=True)
class BotPattern:
    """One bot pattern and where it came from.

    ``name`` is reported on a match; ``None`` reports the matched word instead.
    ``source`` is ``"user"``, ``"jreject"`` or ``"crawler-user-agents"``.
    """

    pattern: str
    name: str | None
    source: str


#: One top-level alternative of a built-in pattern: its text, its flags, its pattern.
_Branch = tuple[str, int, BotPattern]

# Stands in for a built-in pattern that does not compile (a future list release
# could ship one): it never matches, so detection degrades instead of raising.
_NEVER = re.compile(r"(?!)")
_FLAG_LETTERS = {
    "a": re.ASCII,
    "i": re.IGNORECASE,
    "L": re.LOCALE,
    "m": re.MULTILINE,
    "s": re.DOTALL,
    "u": re.UNICODE,
    "x": re.VERBOSE,
}


class BotMatcher:
    """Callable that names the bot behind a User-Agent, or returns ``None``.

    Build one at start-up and share it. The first construction in a process loads
    and indexes about 1,600 patterns; each is compiled the first time the index
    names it as a candidate, so start-up does not pay for ~2,000 ``re.compile``
    calls most processes never need. Later constructions reuse the index and
    compile only their own patterns. A call takes microseconds. Thread-safe: the
    only shared state is that compile cache, and filling a slot twice is harmless.

    ``extra_patterns`` are Python regexes matched with ``re.search``, case-sensitively
    (write ``(?i)`` to ignore case); they are asked first and win over every list.
    A pattern that does not compile, or that matches the empty string (and so
    every User-Agent), raises :class:`ValueError` naming it.
    """

    __slots__ = (
        "_always",
        "_branches",
        "_by_literal",
        "_compiled",
        "_patterns",
        "_trie",
        "_user",
    )

    def __init__(self, extra_patterns: Sequence[str] = ()) -> None:
        if isinstance(extra_patterns, str | bytes):
            raise TypeError(
                "extra_patterns must be a sequence of regex strings, "
                f"not a single string: wrap it as [{extra_patterns!r}]"
            )
        self._user = tuple(compile_bot_pattern(p) for p in extra_patterns)
        built = _built_in()
        self._patterns = built.patterns
        self._branches = built.branches
        self._compiled = built.compiled
        self._always = built.always
        self._by_literal = built.by_literal
        self._trie = built.trie

    @property
    def patterns(self) -> tuple[BotPattern, ...]:
        """Every pattern consulted after the caller's own, in the order asked."""
        return self._patterns

    def __call__(self, user_agent: str) -> str | None:
        """The bot's short name (``"Googlebot"``, ``"curl"``) or ``None`` for a browser."""
        if not user_agent:
            return None
        ua = user_agent[:MAX_SCAN]
        for regex in self._user:
            match = regex.search(ua)
            if match is not None:
                return _name_from(ua, match)
        start = 0
        shape = BROWSER_SHAPE.match(ua)
        if shape is not None:
            if shape.end() == len(ua):
                return None
            # Keys wholly inside the browser-shaped head cannot be bot tokens; one
            # that ends past it starts at most MAX_KEY - 1 characters before its end.
            start = max(0, shape.end() - MAX_KEY + 1)
        candidates = set(self._always)
        # Slices rather than search(text, pos): CPython's engine skips ahead to a
        # possible first character only when it starts at position 0.
        text = ua[start:].lower()
        trie = self._trie.search
        by_literal = self._by_literal
        match = trie(text)
        while match is not None:
            candidates.update(by_literal[match.group()])
            text = text[match.start() + 1 :]
            match = trie(text)
        compiled = self._compiled
        for index in sorted(candidates):
            candidate = compiled[index]
            if candidate is None:
                candidate = compiled[index] = _compile_branch(self._branches[index])
            found = candidate.search(ua)
            if found is not None:
                return self._branches[index][2].name or _name_from(ua, found)
        return _bare_token_name(ua)


@dataclass(frozen=True, slots=True)
class _Index:
    """The built-in lists, indexed once per process; ``compiled`` fills in as used."""

    patterns: tuple[BotPattern, ...]
    branches: tuple[_Branch, ...]
    compiled: list[re.Pattern[str] | None]
    always: tuple[int, ...]
    by_literal: dict[str, frozenset[int]]
    trie: re.Pattern[str]


@functools.cache
def _built_in() -> _Index:
    patterns = (
        *(BotPattern(p, name, "jreject") for name, p in SERVICE_BOTS),
        *_package_patterns(),
        *(BotPattern(p, name, "jreject") for name, p in LIBRARY_BOTS),
        *(BotPattern(p, name, "jreject") for name, p in GENERIC_BOTS),
    )
    # Each top-level alternative is run on its own, and only when its key was
    # seen: one case-insensitive regex of 30 alternatives costs ~10 µs a call.
    branch_list: list[_Branch] = []
    by_literal: dict[str, set[int]] = {}
    always: list[int] = []
    for entry in patterns:
        for branch, flags in _split(entry.pattern):
            index = len(branch_list)
            branch_list.append((branch, flags, entry))
            key = _key(branch, flags)
            if key is None:
                always.append(index)
            else:
                by_literal.setdefault(key[:MAX_KEY], set()).add(index)
    # A trie match is the longest key at its position; the shorter ones that
    # also start there are its prefixes, so each key carries theirs too.
    closed = {
        literal: frozenset(
            i for k in range(1, len(literal) + 1) for i in by_literal.get(literal[:k], ())
        )
        for literal in by_literal
    }
    return _Index(
        patterns,
        tuple(branch_list),
        [None] * len(branch_list),
        tuple(always),
        closed,
        re.compile(trie_regex(by_literal)),
    )


def load_crawler_user_agents() -> list[dict[str, object]]:
    """The entries of the installed ``crawler-user-agents`` list, as published."""
    text = resources.files(CRAWLER_PACKAGE).joinpath(CRAWLER_FILE).read_text("utf-8")
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError(f"{CRAWLER_FILE}: expected a JSON list of entries, got {type(data)}")
    return data


# A global inline flag group at the very start, e.g. "(?i)"; it applies to every
# alternative, so a split keeps it as a compile flag instead.
_LEADING_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _split(pattern: str) -> list[tuple[str, int]]:
    """The pattern's top-level alternatives, each with the pattern's global flags."""
    parts = branches(pattern)
    head = _LEADING_FLAGS.match(parts[0])
    if head is None:
        return [(part, 0) for part in parts]
    flags = 0
    for letter in head.group()[2:-1]:
        flags |= _FLAG_LETTERS[letter]
    parts[0] = parts[0][head.end() :]
    return [(part, flags) for part in parts]


def _compile_branch(branch: _Branch) -> re.Pattern[str]:
    try:
        return re.compile(branch[0], branch[1])
    except re.error:
        return _NEVER


def _key(branch: str, flags: int) -> str | None:
    literal = required_literal(branch, flags)
    if literal is None:
        short = required_literal(branch, flags, min_length=1)
        if short is not None and RARE_CHARS.issuperset(short):
            return short
    return literal


def _package_patterns() -> list[BotPattern]:
    entries: list[BotPattern] = []
    for item in load_crawler_user_agents():
        pattern = item.get("pattern")
        if not isinstance(pattern, str):
            continue
        if pattern in PACKAGE_OVERRIDES:
            replacement = PACKAGE_OVERRIDES[pattern]
            if replacement is None:
                continue
            pattern = replacement
        entries.append(BotPattern(pattern, None, "crawler-user-agents"))
    return entries


def compile_bot_pattern(pattern: object) -> re.Pattern[str]:
    """Compile one user bot pattern, or raise naming it; configuration loaders share this.

    :class:`TypeError` when it is not a ``str``; :class:`ValueError` when it does not
    compile or matches the empty string (it would then flag every User-Agent).
    """
    if not isinstance(pattern, str):
        raise TypeError(f"bot pattern {pattern!r} must be a str, not {type(pattern).__name__}")
    try:
        regex = re.compile(pattern)
    except re.error as exc:
        raise ValueError(
            f"bot pattern {pattern!r} is not a valid regular expression: {exc}"
        ) from exc
    if regex.search("") is not None:
        raise ValueError(
            f"bot pattern {pattern!r} matches the empty string, so it would flag every "
            "User-Agent; make it require some text"
        )
    return regex


def _name_from(ua: str, match: re.Match[str]) -> str:
    """The matched text widened to the whole word it sits in: ``bot`` → ``Googlebot``.

    A pattern with a group named ``name`` reports that group as it stands.
    """
    if "name" in match.re.groupindex and match.group("name"):
        return match.group("name")[:MAX_NAME]
    start, end = match.span()
    if start < end and ua[start] in _WORD_CHARS:
        floor = max(0, start - MAX_NAME)
        while start > floor and ua[start - 1] in _WORD_CHARS:
            start -= 1
    if start < end and ua[end - 1] in _WORD_CHARS:
        ceiling = min(len(ua), end + MAX_NAME)
        while end < ceiling and ua[end] in _WORD_CHARS:
            end += 1
    name = ua[start:end].strip(" /;:()+-_.")
    if not name or len(name) > MAX_NAME:
        return match.re.pattern[:MAX_NAME]
    return name


def _bare_token_name(ua: str) -> str | None:
    match = _BARE_TOKEN.fullmatch(ua.strip())
    if match is None or match.group(1).lower() in TEXT_BROWSERS:
        return None
    return match.group(1)
