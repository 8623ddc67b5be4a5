"""Each distinct User-Agent → its :class:`Client`, and an outcome under each policy.

Detection and the policies run once per distinct UA, never per line: the cost of a
report grows with the number of distinct UAs. Outcomes are what a visitor would see:

``allowed``   nothing happens
``warned``    the modal or the banner
``blocked``   the 406 page
``logged``    rejected by a rule whose action is ``log`` (would be warned or blocked)
``bot``       a crawler, counted apart: jreject never rejects bots
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from jreject.config import Config
from jreject.detect.client import Client
from jreject.policy.base import Verdict
from jreject.policy.bots import decide

if TYPE_CHECKING:
    from jreject.detect.detector import Detector

__all__ = [
    "OUTCOMES",
    "Judged",
    "Outcome",
    "PolicyUnderTest",
    "classify",
    "looks_like_text",
    "outcome",
    "prepare",
    "unescape",
]

Outcome = Literal["allowed", "warned", "blocked", "logged", "bot"]
OUTCOMES: tuple[Outcome, ...] = ("allowed", "warned", "blocked", "logged", "bot")

#: The share of printable characters below which a "User-Agent" is not text. Real ones
#: are printable ASCII, now and then with a few other printable letters; binary input
#: read as lines is mostly control and replacement characters.
MIN_PRINTABLE = 0.9


@dataclass(frozen=True, slots=True)
class PolicyUnderTest:
    """A configuration to judge the logs by, and the label the report gives it."""

    label: str
    config: Config


@dataclass(frozen=True, slots=True)
class Judged:
    """One distinct User-Agent: the client detected and each policy's verdict."""

    client: Client
    verdicts: tuple[Verdict, ...]

    @property
    def outcomes(self) -> tuple[Outcome, ...]:
        """The outcome under each policy, in the order the policies were given."""
        return tuple(outcome(v) for v in self.verdicts)

    @property
    def unclassified(self) -> bool:
        """Detection could not name the browser (and it is not a bot)."""
        return not self.client.is_bot and self.client.browser == "unknown"


def outcome(verdict: Verdict) -> Outcome:
    """What the visitor behind ``verdict`` would see."""
    if verdict.client.is_bot:
        return "bot"
    if verdict.allowed:
        return (
            "logged" if verdict.action == "log" and verdict.rule not in (None, "bot") else "allowed"
        )
    if verdict.action == "block":
        return "blocked"
    if verdict.action == "log":
        return "logged"
    return "warned"


def looks_like_text(user_agent: str) -> bool:
    """Is ``user_agent`` (as the client sent it) mostly printable text?

    Detection has an answer for any string, often "a bot" for a short odd one, so
    junk must be recognised before its answers are trusted.
    """
    if user_agent.isascii() and user_agent.isprintable():
        return True  # nearly every real one, at C speed
    printable = sum(ch.isprintable() and ch != "\ufffd" for ch in user_agent)
    return printable >= MIN_PRINTABLE * len(user_agent)


# nginx writes ", \\ and every byte outside printable ASCII as \xHH; Apache writes \"
# and \\, and other bytes as \xhh. A run of \xHH is one character's UTF-8 bytes.
_ESCAPE = re.compile(r"((?:\\x[0-9A-Fa-f]{2})+)|\\(.)")


def _escaped_bytes(match: re.Match[str]) -> str:
    if match.group(2) is not None:
        return match.group(2)
    raw = bytes.fromhex(match.group(1).replace("\\x", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Not UTF-8 (a Latin-1 client): one character per byte, as the log shows them.
        return raw.decode("latin-1")


def unescape(user_agent: str) -> str:
    """The User-Agent as the client sent it, from its escaped form in a log line."""
    if "\\" not in user_agent:
        return user_agent
    return _ESCAPE.sub(_escaped_bytes, user_agent)


@functools.lru_cache(maxsize=8)
def _detector(bot_patterns: tuple[str, ...]) -> Detector:
    # Building one compiles ua-parser's and the bot list's patterns (most of a second):
    # once per process and set of bot patterns. Detectors are thread-safe.
    from jreject.detect import Detector

    return Detector(bot_patterns=bot_patterns)


def prepare(policies: Sequence[PolicyUnderTest]) -> threading.Thread:
    """Build the policies' detectors in a background thread, and return it.

    Building takes most of a second of Python; polars releases the GIL while it
    splits lines, so done while the logs are read it costs nothing. Join the thread
    before :func:`classify` (which would otherwise build them itself).
    """
    patterns = {p.config.bot_patterns for p in policies}
    thread = threading.Thread(
        target=lambda: [_detector(p) for p in patterns], name="jreject-detectors", daemon=True
    )
    thread.start()
    return thread


def classify(
    user_agents: Iterable[str], policies: Sequence[PolicyUnderTest], *, escaped: bool = True
) -> dict[str, Judged]:
    """Detect and judge each distinct User-Agent (as written in the log) once.

    ``escaped``: the log writes User-Agents escaped, as nginx's and Apache's text
    formats do (:func:`unescape`); JSON, CSV and W3C logs hold them as sent.
    """
    # One detector per distinct set of bot patterns: policies usually share it.
    detectors = {p.config.bot_patterns: _detector(p.config.bot_patterns) for p in policies}
    judged: dict[str, Judged] = {}
    for raw in user_agents:
        ua = unescape(raw) if escaped else raw
        clients = {patterns: detector(ua) for patterns, detector in detectors.items()}
        verdicts = tuple(
            decide(clients[p.config.bot_patterns], p.config.policy, bots=p.config.bots)
            for p in policies
        )
        judged[raw] = Judged(clients[policies[0].config.bot_patterns], verdicts)
    return judged
