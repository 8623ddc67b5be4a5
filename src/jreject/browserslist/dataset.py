"""The data the query engine reads, shaped the way browserslist holds it.

Built once from :func:`jreject.data.load` (and the lazily loaded features, regions and
Baseline files), then shared by every compiled query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from jreject import data as _data

__all__ = ["AgentData", "Dataset", "dataset", "decode_runs"]

_RUN = re.compile(r"([yan-])(\d*)")


@dataclass(frozen=True, slots=True)
class AgentData:
    """One browser as browserslist sees it: all versions, released ones, release dates."""

    name: str
    versions: tuple[str, ...]
    released: tuple[str, ...]
    release_date: dict[str, int | None]


def decode_runs(runs: Any, versions: tuple[str, ...]) -> dict[str, str]:
    """Support letter per version from the run-length form in ``features.json``."""
    extra: dict[str, str] = {}
    if isinstance(runs, list):
        runs, extra = runs
    out: dict[str, str] = {}
    pos = 0
    for letter, count in _RUN.findall(runs):
        n = int(count) if count else 1
        for version in versions[pos : pos + n]:
            if letter != "-":
                out[version] = letter
        pos += n
    out.update(extra)
    return out


@dataclass(slots=True)
class Dataset:
    """Agents, usage, aliases and browserslist's constants; regions and features on demand."""

    agents: dict[str, AgentData]
    usage_global: dict[str, float | None]
    version_aliases: dict[str, dict[str, str]]
    constants: _data.BrowserslistConstants
    caniuse_lite: str
    _regions: dict[str, dict[str, float | None]] = field(default_factory=dict)
    _features: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)
    _mobile: dict[str, AgentData | None] = field(default_factory=dict)

    def region(self, code: str) -> dict[str, float | None] | None:
        """Usage in a region (``"US"``, ``"alt-eu"``), or None if there is no such region."""
        if code not in self._regions:
            raw = _data.load_regions().get(code)
            if raw is None:
                return None
            usage: dict[str, float | None] = {}
            for agent, versions, shares in raw:
                for version, share in zip(versions.split(" "), shares, strict=True):
                    usage[f"{agent} {version}"] = share
            self._regions[code] = usage
        return self._regions[code]

    def feature(self, name: str) -> dict[str, dict[str, str]] | None:
        """``{agent: {version: "y"|"a"|"n"}}`` for a caniuse feature id, None if unknown."""
        if name not in self._features:
            raw = _data.load_features().get(name)
            if raw is None:
                return None
            self._features[name] = {
                agent: decode_runs(
                    runs, self.agents[agent].versions if agent in self.agents else ()
                )
                for agent, runs in raw["support"].items()
            }
        return self._features[name]

    def feature_title(self, name: str) -> str | None:
        raw = _data.load_features().get(name)
        return None if raw is None else str(raw["title"])

    def by_name(self, name: str, mobile_to_desktop: bool = False) -> AgentData | None:
        """The agent for a name or alias (any case); with ``mobile_to_desktop``, a mobile
        agent takes its desktop counterpart's versions (browserslist's ``byName``)."""
        key = name.lower()
        key = self.constants.aliases.get(key, key)
        desktop = self.constants.desktop_names.get(key)
        if not (mobile_to_desktop and desktop):
            return self.agents.get(key)
        if key not in self._mobile:
            self._mobile[key] = self._desktop_copy(key, desktop)
        return self._mobile[key]

    def _desktop_copy(self, key: str, desktop_id: str) -> AgentData | None:
        desktop = self.agents.get(desktop_id)
        mobile = self.agents.get(key)
        if desktop is None or mobile is None:
            return None
        if key != "android":
            return replace(desktop, name=key)
        # Android's WebView follows Chrome from 37 on; keep its own 2.x–4.x versions.
        first = self.constants.android_evergreen_first

        def merge(own: tuple[str, ...], chrome: tuple[str, ...]) -> tuple[str, ...]:
            legacy = tuple(v for v in own if re.match(r"^(?:[2-4]\.|[34]$)", v))
            start = chrome.index(first) if first in chrome else -1
            return legacy + chrome[start:]

        released = merge(mobile.released, desktop.released)
        dates = dict(mobile.release_date)
        for version in released:
            if version not in dates:
                dates[version] = desktop.release_date.get(version)
        return AgentData(key, merge(mobile.versions, desktop.versions), released, dates)


def _build(data: _data.BrowserData) -> Dataset:
    if data.constants is None:
        raise ValueError("the browser data has no browserslist section; regenerate it")
    agents: dict[str, AgentData] = {}
    usage: dict[str, float | None] = {}
    aliases: dict[str, dict[str, str]] = {}
    for agent_id, agent in data.agents.items():
        versions = tuple(v.version for v in agent.versions)
        agents[agent_id] = AgentData(
            agent_id,
            versions,
            versions[: agent.released_count],
            {
                v.version: None if v.released is None else int(v.released.timestamp())
                for v in agent.versions
            },
        )
        for version, share in agent.usage:
            usage[f"{agent_id} {version}"] = share
        # Joined versions ("15.2-15.3") answer to either end.
        aliases[agent_id] = {
            part: version for version in versions if "-" in version for part in version.split("-")
        }
    aliases.setdefault("firefox", {})["esr"] = data.constants.firefox_esr
    return Dataset(agents, usage, aliases, data.constants, data.caniuse_lite)


_CACHE: list[tuple[_data.BrowserData, Dataset]] = []


def dataset() -> Dataset:
    """The dataset for the data in use (rebuilt after ``jreject.data.reload()``)."""
    data = _data.load()
    if not _CACHE or _CACHE[0][0] is not data:
        _CACHE[:] = [(data, _build(data))]
    return _CACHE[0][1]
