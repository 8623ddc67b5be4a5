"""A policy, compiled to an ordered list of User-Agent rules by asking it.

For every family in :data:`~jreject.export.families.FAMILIES` and every version
worth asking about, the real detector and policy judge sample User-Agents; runs of
versions with the same answer become one regular expression. Where the answer
depends on the operating system (``reject = { windows = true }``, or mobile and desktop
release data), a family gets rules per OS token first, then its most lenient answer
for any other system. The first rule that matches decides; nothing matching means
``ok``, as Python allows unknown browsers.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from jreject.config import Config
from jreject.data.regex_syntax import branches
from jreject.detect import Detector
from jreject.detect.client import Client
from jreject.detect.limits import MAX_USER_AGENT
from jreject.export.families import BOTS, FAMILIES, GUARDS, PLATFORMS, Family, Pattern, Platform
from jreject.export.oskeys import unexpressed_keys
from jreject.export.portable import portable
from jreject.export.ranges import number_pattern
from jreject.policy.base import Verdict
from jreject.policy.bots import decide

__all__ = ["CLASSES", "EdgeClass", "Export", "Rule", "compile_policy", "edge_class"]

EdgeClass = Literal["ok", "warn", "block"]
#: Most lenient first: where samples disagree, the export keeps the first.
CLASSES: tuple[EdgeClass, ...] = ("ok", "warn", "block")
_MINORS = range(10)
_END = "(?:[^0-9]|$)"
#: An OS id no policy key can name: asking with it gives a browser's class on a system
#: the policy says nothing about (FreeBSD, a TV), for User-Agents without an OS token.
_ELSEWHERE = "elsewhere"

#: A User-Agent longer than Python reads: ``ok``, and no other rule searches it. Every
#: engine but Cloudflare's backtracks, and a rule like ``X11;[^)]*Linux.*Chrome/…`` tries
#: every pair of tokens: 8 KiB of ``X11; Linux`` cost nginx (PCRE without JIT) 24 s.
TOO_LONG = f"^.{{{MAX_USER_AGENT + 1}}}"

#: The longest pattern a rule holds: nginx reads at most 4,096 bytes in one parameter,
#: quotes and ``~`` included.
_PARAMETER = 4000

#: The comment of the crawler list's rules (Cloudflare leaves them out).
CRAWLERS = "Python's crawler list: never rejected"

#: A family's class index (into :data:`CLASSES`) by (major, minor).
Table = dict[tuple[int, int], int]


@dataclass(frozen=True, slots=True)
class Rule:
    """If ``pattern`` is found in the User-Agent, the visitor is in ``edge_class``."""

    edge_class: EdgeClass
    pattern: str
    #: Whether the pattern is meant case-insensitively (only the bot words are).
    ignore_case: bool
    #: Where the rule comes from, for a comment beside it.
    comment: str


@dataclass(frozen=True, slots=True)
class Export:
    """A compiled policy: rules in order, and what they cannot express."""

    rules: tuple[Rule, ...]
    notes: tuple[str, ...]
    source: str
    #: Policy keys the rules do not express, one sentence each (the CLI repeats them on stderr).
    unexpressed: tuple[str, ...] = ()

    def classify(self, user_agent: str) -> EdgeClass:
        """What the rules say about ``user_agent`` (Python's ``re``, as the regex target)."""
        import re

        for rule in self.rules:
            if re.search(rule.pattern, user_agent, re.IGNORECASE if rule.ignore_case else 0):
                return rule.edge_class
        return "ok"


def edge_class(verdict: Verdict) -> EdgeClass:
    """The class of a Python verdict: what the page looks like for this visitor."""
    if verdict.allowed or verdict.action == "log":
        return "ok"
    return "block" if verdict.action == "block" else "warn"


def compile_policy(
    config: Config, *, today: dt.date | None = None, source: str | None = None
) -> Export:
    """Compile ``config``'s policy to edge rules (see the module docstring).

    ``source`` names the policy in the export's header (default: the file it was read
    from, if any).
    """
    detector = Detector(bot_patterns=config.bot_patterns)
    rules = [
        Rule(
            "ok",
            TOO_LONG,
            False,
            f"longer than the {MAX_USER_AGENT} characters Python reads: not judged at the edge",
        ),
        Rule("ok", BOTS, True, "crawlers and tools: never rejected"),
    ]
    # In pieces: nginx reads at most 4,096 bytes in one parameter.
    for ignore_case, crawlers in _crawler_patterns().items():
        rules.extend(Rule("ok", p, ignore_case, CRAWLERS) for p in _pieces(crawlers, 2000))
    # One rule each: a pattern's own (?i) must not reach its neighbours.
    left_out = []
    for pattern in config.bot_patterns:
        written = portable(pattern)
        if written is None:
            left_out.append(
                f"bot pattern {_shown(pattern)}: not in the syntax every edge reads alike (a flag "
                "other than a leading (?i), look-around, \\p, POSIX classes, non-ASCII); "
                "the bots it names are judged at the edge as the browser they name."
            )
            continue
        # A long alternation (a list of monitor names) goes in pieces, as the crawler list.
        pieces = _pieces(branches(written[0]), 2000)
        if max(map(len, pieces)) > _PARAMETER:
            left_out.append(
                f"bot pattern {_shown(pattern)}: has a branch longer than nginx reads in one "
                "parameter (4,096 bytes); the bots it names are judged at the edge as the "
                "browser they name."
            )
            continue
        rules.extend(Rule("ok", p, written[1], "bot_patterns: never rejected") for p in pieces)
    rules.extend(
        Rule("ok", pattern, False, f"{name}: not judged at the edge") for name, pattern in GUARDS
    )
    notes = [
        "Only the User-Agent is read. Python also reads Client Hints (Sec-CH-UA…): a "
        "browser whose hints say newer than its UA gets the UA's class here.",
        "Bots: a short word list stands for Python's crawler list; a bot that only Python "
        "knows is judged here as the browser it names.",
        "Relative rules (latest − N, browserslist queries) were evaluated on "
        f"{(today or dt.date.today()).isoformat()}: export again when browser data changes.",
        "Where samples of one family and version disagree, the most lenient class is kept.",
        f"A User-Agent longer than {MAX_USER_AGENT} characters (Python judges only that "
        "many) is ok here, so that a crafted one cannot make the regex engine backtrack.",
        "A User-Agent a proxy lower-cased, or spaced around its slashes, is re-spelled by "
        "Python and judged; here it matches no family and is ok.",
    ]
    by_os = False
    for family in FAMILIES:
        tables, fallback = _probe(family, detector, config)
        family_rules, family_by_os = _family_rules(family, tables, fallback)
        rules.extend(family_rules)
        by_os = by_os or family_by_os
        if family.caveat:
            notes.append(f"{family.name}: {family.caveat}.")
    if by_os:
        notes.append(_PLATFORMS_NOTE)
    return Export(
        tuple(rules),
        tuple(notes),
        source or config.path or "a policy given in Python",
        (*unexpressed_keys(config.policy), *left_out),
    )


_PLATFORMS_NOTE = (
    "Where the class depends on the operating system, it is read from these User-Agent "
    "tokens: "
    + ", ".join(p.shown for p in PLATFORMS)
    + ". A browser whose User-Agent shows none of them (Windows 98, FreeBSD, a TV) gets "
    "the most lenient class of its family and version on any system."
)


def _shown(pattern: str) -> str:
    """``pattern`` quoted, cut where it would fill the header and stderr."""
    return repr(pattern) if len(pattern) <= 80 else repr(pattern[:60]) + "…"


def _crawler_patterns() -> dict[bool, list[str]]:
    """The crawler-user-agents patterns where every dialect reads them, by case flag.

    From the bot data the detector reads (bundled, or what ``jreject data update``
    installed), so that the edge and the middleware know the same crawlers. A pattern
    the dialects read differently (look-around is not in Rust's regex or RE2) is left
    out: its crawlers are judged as the browser they name.
    """
    from jreject.data.bots import CRAWLER_USER_AGENTS, load_bot_data

    # Case-sensitive ones, and those with a leading (?i): each kind in pieces of its own.
    patterns: dict[bool, list[str]] = {False: [], True: []}
    for entry in load_bot_data()[CRAWLER_USER_AGENTS]:
        written = portable(str(entry["pattern"]))
        if written is not None:
            patterns[written[1]].append(written[0])
    return patterns


def _pieces(patterns: list[str], size: int) -> list[str]:
    pieces: list[list[str]] = [[]]
    length = 0
    for pattern in patterns:
        if pieces[-1] and length + len(pattern) > size:
            pieces.append([])
            length = 0
        pieces[-1].append(pattern)
        length += len(pattern) + 1
    return ["|".join(piece) for piece in pieces if piece]


def _probe(family: Family, detector: Detector, config: Config) -> tuple[dict[str, Table], Table]:
    """The family's table on each OS it has samples for, and its most lenient table.

    The lenient one is for User-Agents whose OS the edge cannot tell: the most lenient
    answer on any sampled OS, or on an OS the policy does not name.
    """
    minors = _MINORS if family.minors else range(1)
    tables: dict[str, Table] = defaultdict(dict)
    fallback: Table = {}
    for major in family.majors:
        for minor in minors:
            answers: dict[str, int] = {}
            lenient = len(CLASSES)
            for os, sample in family.samples:
                client = detector(sample(major, minor))
                here = _class_index(client, config)
                answers[os] = min(answers.get(os, here), here)
                lenient = min(lenient, here, _class_index(replace(client, os=_ELSEWHERE), config))
            for os, index in answers.items():
                tables[os][major, minor] = index
            fallback[major, minor] = lenient
    return dict(tables), fallback


def _class_index(client: Client, config: Config) -> int:
    return CLASSES.index(edge_class(decide(client, config.policy, bots=config.bots)))


def _family_rules(
    family: Family, tables: dict[str, Table], fallback: Table
) -> tuple[list[Rule], bool]:
    """The family's rules, and whether some are for one OS only.

    An OS's rules come first and only where its table is stricter than the fallback:
    where they say ok, the fallback's answer is ok too, being the most lenient.
    """
    rules = []
    by_os = False
    for platform in PLATFORMS:
        table = tables.get(platform.os)
        if table is None or table == fallback:
            continue
        by_os = True
        patterns, token = _on(family, platform)
        rules.extend(
            _class_rules(f"{family.name} on {platform.os}", patterns, token, family.majors, table)
        )
    rules.extend(_class_rules(family.name, family.patterns, None, family.majors, fallback))
    for pattern in family.patterns:
        rules.append(Rule("ok", pattern.before + "[0-9]", False, f"{family.name}: other versions"))
    return rules, by_os


def _on(family: Family, platform: Platform) -> tuple[tuple[Pattern, ...], str | None]:
    """The family's patterns on ``platform``, and the OS token they need beside them."""
    if family.own_platforms:
        return tuple(p for os, p in family.own_platforms if os == platform.os), None
    return family.patterns, platform.token


def _class_rules(
    name: str, patterns: Sequence[Pattern], token: str | None, majors: range, table: Table
) -> list[Rule]:
    newest = majors[-1]
    minors = sorted({minor for _, minor in table})
    rules = []
    for index in (2, 1):  # block before warn: the stricter class wins a tie
        full: list[int] = []
        partial: dict[tuple[int, ...], list[int]] = defaultdict(list)
        for major in majors:
            hit = tuple(m for m in minors if table[major, m] == index)
            if len(hit) == len(minors):
                full.append(major)
            elif hit:
                partial[hit].append(major)
        if not full and not partial:
            continue
        open_from = newest if full and full[-1] == newest else None
        for pattern in patterns:
            version = _version(pattern, full, partial, open_from)
            if version is None:
                continue
            rules.append(
                Rule(
                    CLASSES[index],
                    _beside(pattern.before + version + pattern.after, token),
                    False,
                    f"{name}: {_describe(full, partial, open_from)}",
                )
            )
    return rules


def _beside(regex: str, token: str | None) -> str:
    """``regex`` with ``token`` before or after it (IE writes ``MSIE 6.0; Windows NT``)."""
    if token is None:
        return regex
    return f"(?:(?:{token}).*{regex}|{regex}.*(?:{token}))"


def _version(
    pattern: Pattern,
    full: Sequence[int],
    partial: dict[tuple[int, ...], list[int]],
    open_from: int | None,
) -> str | None:
    alternatives = []
    if full:
        alternatives.append(f"(?:{number_pattern(full, open_from=open_from)}){_END}")
    if pattern.sep is not None:
        sep_char = "_" if pattern.sep == "_" else "."
        for hit, majors in partial.items():
            absent = f"|[^0-9{sep_char}]|$" if 0 in hit else ""
            alternatives.append(
                f"(?:{number_pattern(majors)})(?:{pattern.sep}(?:{number_pattern(hit)}){_END}{absent})"
            )
    # Without a minor to read, a major with only some minors rejected stays allowed.
    return "(?:" + "|".join(alternatives) + ")" if alternatives else None


def _describe(
    full: Sequence[int], partial: dict[tuple[int, ...], list[int]], open_from: int | None
) -> str:
    parts = []
    if full:
        parts.append("majors " + ",".join(_spans(full)) + ("+" if open_from else ""))
    for hit, majors in partial.items():
        parts.append(",".join(_spans(majors)) + ".[" + ",".join(map(str, hit)) + "]")
    return "; ".join(parts)


def _spans(numbers: Sequence[int]) -> list[str]:
    from jreject.export.ranges import intervals

    return [str(lo) if lo == hi else f"{lo}-{hi}" for lo, hi in intervals(numbers)]
