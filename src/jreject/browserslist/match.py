"""Is a client's (caniuse agent, version) covered by a resolved browserslist result?

Semantics, compatible with browserslist-useragent's options but with other defaults:

* A client version is matched at the precision caniuse has for its agent (Chrome by
  major, Safari by major.minor, iOS ranges such as ``15.2-15.3``), so patch levels the
  data does not distinguish never cause a mismatch. ``ignore_patch=False`` makes a patch
  count where the data has one (Android ``4.4.3-4.4.4``); ``ignore_minor=True`` compares
  majors only.
* ``allow_higher_versions`` (on by default): a version at or above the lowest version the
  query selected for that agent is covered, so a browser released after the data was
  generated is not "unsupported". Off, only the selected versions themselves count.
* A client whose agent or version is unknown gets ``None``: the caller decides.

Compiling walks the selection once; :meth:`Coverage.covers` is then a dict lookup
(answers for versions outside the data are computed once and remembered).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from jreject.browserslist.dataset import Dataset, dataset

__all__ = ["Coverage", "MatchOptions", "version_bounds"]

#: Versions outside the data remembered per compiled query (bounded: clients choose them).
MEMO_LIMIT = 4096
_Bounds = tuple[tuple[int, ...], tuple[int, ...]]
_UNSEEN = object()


@dataclass(frozen=True, slots=True)
class MatchOptions:
    """How a client version meets the selection; see the module docstring."""

    allow_higher_versions: bool = True
    ignore_minor: bool = False
    ignore_patch: bool = True

    @property
    def precision(self) -> int:
        """How many version parts count: 1 (major), 2 (minor) or 3 (patch)."""
        return 1 if self.ignore_minor else 2 if self.ignore_patch else 3


@functools.lru_cache(maxsize=4096)
def version_bounds(version: str) -> _Bounds | None:
    """``"15.2-15.3"`` → ``((15, 2), (15, 3))``; ``"all"`` → ``((), ())``; ``"TP"`` → None."""
    if version == "all":
        return (), ()
    try:
        parts = [tuple(int(p) for p in side.split(".")) for side in version.split("-")]
    except ValueError:
        return None
    return parts[0], parts[-1]


def _pad(version: tuple[int, ...], n: int) -> tuple[int, ...]:
    cut = version[:n]
    return cut + (0,) * (3 - len(cut))


class Coverage:
    """A compiled selection: which (agent, version) pairs a query covers.

    Build it from the ``"agent version"`` strings that
    :func:`jreject.browserslist.browserslist` returns, with the same ``mobile_to_desktop``
    the query was resolved with.
    """

    __slots__ = ("_entries", "_floor", "_memo", "_n", "browsers", "options")

    def __init__(
        self,
        browsers: Iterable[str],
        options: MatchOptions | None = None,
        data: Dataset | None = None,
        *,
        mobile_to_desktop: bool = False,
    ) -> None:
        self.browsers = tuple(browsers)
        self.options = options or MatchOptions()
        data = data or dataset()
        n = self._n = self.options.precision
        selected: dict[str, set[str]] = {}
        for item in self.browsers:
            name, _, version = item.partition(" ")
            selected.setdefault(name, set()).add(version)
        self._entries: dict[str, list[tuple[_Bounds, bool]]] = {}
        self._floor: dict[str, tuple[int, ...]] = {}
        for agent_id in data.agents:
            # With mobileToDesktop the query gave mobile agents desktop versions: match
            # clients against the same version list.
            agent = data.by_name(agent_id, mobile_to_desktop) or data.agents[agent_id]
            chosen = selected.get(agent_id, set())
            entries = []
            for version in agent.versions:
                bounds = version_bounds(version)
                if bounds is not None:
                    entries.append((bounds, version in chosen))
            self._entries[agent_id] = entries
            lows = [_pad(b[0], n) for b, hit in entries if hit]
            if lows:
                self._floor[agent_id] = min(lows)
        self._memo: dict[tuple[str | None, tuple[int, ...]], object] = {}

    def covers(self, agent: str | None, version: tuple[int, ...]) -> bool | None:
        """True / False, or None when the agent or the version is unknown."""
        key = (agent, version)
        answer = self._memo.get(key, _UNSEEN)
        if answer is not _UNSEEN:
            return answer  # type: ignore[return-value]
        # First sight of this (agent, version): decide, and remember it (bounded).
        answer = None if agent is None else self._decide(agent, version[: self._n])
        if len(self._memo) < MEMO_LIMIT:
            self._memo[key] = answer
        return answer

    def skipped(self, agent: str | None, version: tuple[int, ...]) -> bool:
        """True when the data has newer versions of ``agent`` but none matching ``version``.

        caniuse keeps only the newest UC Browser and QQ Browser, and Opera Mobile jumps
        from 12.1 to 80: for such a version the data says nothing, so "not covered" is
        not a finding about the browser.
        """
        entries = self._entries.get(agent) if agent is not None else None
        if not entries or not version:
            return False
        n = self._n
        cut = version[:n]
        newer = False
        for (low, high), _ in entries:
            if not low:
                continue
            n_low, n_high = min(len(low), n), min(len(high), n)
            if _pad(low, n_low) <= _pad(cut, n_low) and _pad(cut, n_high) <= _pad(high, n_high):
                return False
            newer = newer or _pad(low, n_low) > _pad(cut, n_low)
        return newer

    def floor(self, agent: str) -> tuple[int, ...] | None:
        """The lowest selected version of ``agent`` (padded to three parts), if any."""
        return self._floor.get(agent)

    def _decide(self, agent: str, version: tuple[int, ...]) -> bool | None:
        entries = self._entries.get(agent)
        if entries is None:
            return None
        n = self.options.precision
        if not version:
            # Only Opera Mini ("all") is matched without a version.
            versionless = [hit for (low, _), hit in entries if low == ()]
            return any(versionless) if versionless else None
        for (low, high), hit in entries:
            if not hit or not low:
                continue
            n_low, n_high = min(len(low), n), min(len(high), n)
            if _pad(low, n_low) <= _pad(version, n_low) and _pad(version, n_high) <= _pad(
                high, n_high
            ):
                return True
        floor = self._floor.get(agent)
        return bool(
            self.options.allow_higher_versions and floor is not None and _pad(version, n) >= floor
        )
