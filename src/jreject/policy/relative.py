"""``latest − N`` major versions per browser, browser-update.org style.

The latest version of each browser comes from the bundled caniuse release data
(:func:`jreject.data.load`), never from a table kept by hand, so the floor moves
when the data is updated. A client is judged by its caniuse agent and version:
every iOS browser is ``ios_saf`` at its WebKit version, Chrome for Android is
``and_chr`` and so on. Versions the vendor still supports are never outdated,
however far behind they are:

* Firefox ESR releases listed in the data (``BrowserData.firefox_esr``);
* Chrome and Edge Extended Stable: an even milestone stays supported until eight
  weeks after the next milestone ships (dates from the release data);
* Safari on an OS Apple still patches (:mod:`jreject.data.support`).

A version newer than anything in the data is allowed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from jreject.data import BrowserData, load
from jreject.data.support import supported_safari_majors
from jreject.detect.client import Client
from jreject.errors import PolicyValueError
from jreject.policy.base import Action, Verdict, allow, reject

__all__ = ["EXTENDED_STABLE_WEEKS", "HISTORY_FROM", "Relative"]

#: How long an Extended Stable milestone outlives its successor's release.
EXTENDED_STABLE_WEEKS = 8

#: caniuse keeps only the current version of some mobile agents; their history is
#: the desktop browser's (the same release train), as browserslist also assumes.
HISTORY_FROM: Mapping[str, str] = {"and_chr": "chrome", "and_ff": "firefox", "android": "chrome"}

_EXTENDED_STABLE: Mapping[str, frozenset[str]] = {
    "chrome": frozenset({"chrome"}),
    "edge": frozenset({"edge"}),
}
_CHROME = "chrome"
_ESR_BROWSERS = frozenset({"firefox", "firefox_esr"})
_SAFARI_AGENTS = frozenset({"safari", "ios_saf"})
_MAJOR = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Relative:
    """Reject a browser more than ``latest_minus`` majors behind its latest release.

    ``Relative(2)`` allows Chrome 156 when 158 is the latest. ``today`` fixes the
    date used for Extended Stable windows (default: the day the policy is built,
    so rebuild long-lived policies when you update the data); ``data`` replaces
    the bundled release data.
    """

    latest_minus: int = 2
    action: Action = "modal"
    today: date | None = None
    data: BrowserData | None = None
    _floors: dict[str, int] = field(init=False, repr=False, compare=False)
    _latest: dict[str, str] = field(init=False, repr=False, compare=False)
    _extended: dict[str, frozenset[int]] = field(init=False, repr=False, compare=False)
    _esr: frozenset[int] = field(init=False, repr=False, compare=False)
    _names: dict[str, str] = field(init=False, repr=False, compare=False)
    #: Agents with no more majors in the data than ``latest_minus`` (caniuse keeps one UC
    #: Browser): an older client's distance from the latest is not known from them.
    _short: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.latest_minus, bool) or not isinstance(self.latest_minus, int):
            raise PolicyValueError(
                "latest_minus", f"expected a whole number of versions, got {self.latest_minus!r}"
            )
        if self.latest_minus < 0:
            raise PolicyValueError(
                "latest_minus", f"expected 0 or more versions, got {self.latest_minus}"
            )
        if self.action == "allow":
            raise PolicyValueError("action", "a rejecting rule needs modal, banner, block or log")
        data = self.data if self.data is not None else load()
        today = self.today if self.today is not None else date.today()
        releases = {agent_id: _major_releases(data, agent_id) for agent_id in data.agents}
        floors: dict[str, int] = {}
        latest: dict[str, str] = {}
        short: set[str] = set()
        for agent_id in data.agents:
            history = releases.get(HISTORY_FROM.get(agent_id, agent_id)) or releases[agent_id]
            if not history:
                continue
            majors = sorted(history)
            if len(majors) <= self.latest_minus:
                short.add(agent_id)
            floors[agent_id] = majors[max(0, len(majors) - 1 - self.latest_minus)]
            latest[agent_id] = str(majors[-1])
        extended = {
            agent_id: _extended_stable(releases.get(agent_id, {}), today)
            for agent_id in _EXTENDED_STABLE
        }
        esr = frozenset(int(v) for v in data.firefox_esr if _MAJOR.fullmatch(v))
        object.__setattr__(self, "_floors", floors)
        object.__setattr__(self, "_latest", latest)
        object.__setattr__(self, "_extended", extended)
        object.__setattr__(self, "_esr", esr)
        object.__setattr__(self, "_names", {a.id: a.name for a in data.agents.values()})
        object.__setattr__(self, "_short", frozenset(short))

    def __call__(self, client: Client, /) -> Verdict:
        agent = client.caniuse_agent
        if agent is None or agent not in self._floors:
            return allow(client, f"{client.label}: no release data, not judged")
        if not client.caniuse_version:
            return allow(client, f"{client.browser_name}: version unknown, not judged")
        major = client.caniuse_version[0]
        floor = self._floors[agent]
        if major >= floor:
            return allow(client)
        supported = self._vendor_support(client, agent, major)
        if supported is not None:
            return allow(client, supported)
        if agent in self._short:
            return self._by_chromium(client, agent)
        return self._outdated(client, client.label, agent, floor)

    def _outdated(self, client: Client, label: str, agent: str, floor: int) -> Verdict:
        name = self._names.get(agent, agent)
        return reject(
            client,
            self.action,
            f"{agent}<{floor}",
            f"{label} is more than {self.latest_minus} major versions behind "
            f"the latest {name} {self._latest[agent]} (minimum {floor})",
        )

    def _by_chromium(self, client: Client, agent: str) -> Verdict:
        """A client whose own agent has too little history: its Chromium, if it has one."""
        chromium = client.chromium_version
        if not chromium or _CHROME not in self._floors:
            name = self._names.get(agent, agent)
            return allow(
                client,
                f"{client.label}: {name} has too little release history in the data, not judged",
            )
        floor = self._floors[_CHROME]
        if chromium[0] >= floor:
            return allow(client)
        label = f"{client.label} (Chromium {chromium[0]})"
        return self._outdated(client, label, _CHROME, floor)

    def _vendor_support(self, client: Client, agent: str, major: int) -> str | None:
        """Why the vendor still supports this old version, or ``None``."""
        if client.browser in _ESR_BROWSERS and agent == "firefox" and major in self._esr:
            return f"{client.label} is a Firefox ESR release Mozilla still supports"
        if client.browser in _EXTENDED_STABLE.get(agent, ()) and major in self._extended[agent]:
            return f"{client.label} is an Extended Stable release its vendor still supports"
        if agent in _SAFARI_AGENTS:
            if agent == "ios_saf" and client.browser != "safari" and client.os_version_frozen:
                # Its WebKit version is read from a frozen iOS version: only a floor.
                return f"{client.label}: iOS version is frozen, not judged"
            if major in supported_safari_majors(agent):
                return f"{client.label} runs on an OS Apple still supports"
        return None


def _major_releases(data: BrowserData, agent_id: str) -> dict[int, datetime]:
    """Each major's first release date (``"15.2-15.3"`` counts as 15)."""
    firsts: dict[int, datetime] = {}
    for version in data.agents[agent_id].released_versions:
        match = _MAJOR.match(version.version)
        if match is None or version.released is None:
            continue  # op_mini's "all" has no number to compare
        major = int(match.group())
        if major not in firsts or version.released < firsts[major]:
            firsts[major] = version.released
    return firsts


def _extended_stable(releases: Mapping[int, datetime], today: date) -> frozenset[int]:
    """Even milestones whose successor shipped less than eight weeks before ``today``."""
    window = timedelta(weeks=EXTENDED_STABLE_WEEKS)
    return frozenset(
        major
        for major in releases
        if major % 2 == 0
        and major + 1 in releases
        and releases[major + 1].date() <= today <= releases[major + 1].date() + window
    )
