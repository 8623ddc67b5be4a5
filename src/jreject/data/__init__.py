"""Bundled browser release data (caniuse-lite agents), loaded once and cached.

Bootstrap version: ``agents.json`` holds, per caniuse agent, its versions in release
order with their release dates. The generator script and the richer browserslist
data replace this file; the API below stays.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources

__all__ = ["Agent", "AgentVersion", "BrowserData", "load"]


@dataclass(frozen=True, slots=True)
class AgentVersion:
    """One version of a caniuse agent: ``"17.2"`` or a range such as ``"15.2-15.3"``."""

    version: str
    released: datetime | None


@dataclass(frozen=True, slots=True)
class Agent:
    """A caniuse agent (``chrome``, ``ios_saf`` …) and its versions, oldest first."""

    id: str
    name: str
    versions: tuple[AgentVersion, ...]

    @property
    def released_versions(self) -> tuple[AgentVersion, ...]:
        """Versions with a release date, oldest first (no betas, no ``TP``)."""
        return tuple(v for v in self.versions if v.released is not None)


@dataclass(frozen=True, slots=True)
class BrowserData:
    """The whole bundle: agents by id plus where the data came from."""

    agents: dict[str, Agent]
    caniuse_lite: str
    browserslist: str
    firefox_esr: tuple[str, ...]
    generated: str


@functools.cache
def load() -> BrowserData:
    """The bundled data. Raises ``OSError``/``ValueError`` when it is missing or corrupt."""
    raw = json.loads(resources.files(__name__).joinpath("agents.json").read_text("utf-8"))
    agents = {
        agent_id: Agent(
            agent_id,
            entry["name"],
            tuple(
                AgentVersion(version, None if ts is None else datetime.fromtimestamp(ts, UTC))
                for version, ts in entry["versions"]
            ),
        )
        for agent_id, entry in raw["agents"].items()
    }
    meta = raw["meta"]
    return BrowserData(
        agents,
        meta["caniuse_lite"],
        meta["browserslist"],
        tuple(meta["firefox_esr"]),
        meta["generated"],
    )
