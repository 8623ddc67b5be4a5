"""How far an export agrees with Python, User-Agent by User-Agent.

The benchmark (benchmarks/bench_export.py) and the tests feed it corpora of real and
generated User-Agents; an executor (Python ``re``, node, a real nginx or varnishd)
supplies the exported rule's answers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from jreject.config import Config
from jreject.detect import Detector
from jreject.export.rules import EdgeClass, edge_class
from jreject.policy.bots import decide

__all__ = ["Agreement", "Disagreement", "compare", "python_classes"]


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A User-Agent the export classes differently from Python."""

    user_agent: str
    python: EdgeClass
    edge: EdgeClass

    @property
    def lenient(self) -> bool:
        """The edge is the more lenient of the two (what the export errs towards)."""
        order = ("ok", "warn", "block")
        return order.index(self.edge) < order.index(self.python)


@dataclass(frozen=True, slots=True)
class Agreement:
    """The result of a comparison."""

    total: int
    disagreements: tuple[Disagreement, ...]

    @property
    def rate(self) -> float:
        """The share of User-Agents both sides class alike."""
        return 1.0 - len(self.disagreements) / self.total if self.total else 1.0


def python_classes(config: Config, user_agents: Iterable[str]) -> dict[str, EdgeClass]:
    """Python's class for each distinct User-Agent (User-Agent header only, as the edge)."""
    detector = Detector(bot_patterns=config.bot_patterns)
    return {
        ua: edge_class(decide(detector(ua), config.policy, bots=config.bots))
        for ua in dict.fromkeys(user_agents)
    }


def compare(python: Mapping[str, EdgeClass], edge: Sequence[EdgeClass]) -> Agreement:
    """Compare Python's classes with ``edge``'s, given in the same order."""
    if len(edge) != len(python):
        raise ValueError(f"{len(edge)} edge answers for {len(python)} User-Agents")
    found = tuple(
        Disagreement(ua, mine, theirs)
        for (ua, mine), theirs in zip(python.items(), edge, strict=True)
        if mine != theirs
    )
    return Agreement(len(python), found)
