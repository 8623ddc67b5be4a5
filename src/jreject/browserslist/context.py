"""What every selector gets: the options, the data, the clock, and a way to recurse."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jreject.browserslist.dataset import AgentData, Dataset
from jreject.browserslist.errors import BrowserslistError

__all__ = ["Context", "Options"]


@dataclass(frozen=True, slots=True)
class Options:
    """browserslist's options: ``mobile_to_desktop``, ``ignore_unknown_versions``, ``path``
    (where ``browserslist config`` and ``browserslist-stats.json`` are looked up), ``env``,
    ``throw_on_missing``, ``stats`` (custom usage: a path or a mapping), ``now`` (Unix time
    in ms for ``last 1 year`` / ``baseline``; the current time if None), ``config`` (a
    config file) and ``dangerous_extend`` (allow any name in ``extends``)."""

    mobile_to_desktop: bool = False
    ignore_unknown_versions: bool = False
    path: str | None = None
    env: str | None = None
    throw_on_missing: bool = False
    stats: str | dict[str, dict[str, float]] | None = None
    now: float | None = None
    config: str | None = None
    dangerous_extend: bool = False


@dataclass(slots=True)
class Context:
    """One resolution: ``resolve`` resolves nested queries (``defaults``, ``dead``,
    ``baseline``, ``extends``) with the same options."""

    opts: Options
    data: Dataset
    now: float
    custom: dict[str, float | None] | None
    resolve: Callable[[str | Sequence[str]], list[str]]
    #: A whole, sorted ``browserslist()`` call with the same options (the
    #: ``browserslist config`` query): passed in, so selectors need not import
    #: the resolver that imports them.
    browserslist: Callable[[str | Sequence[str]], list[str]]

    def by_name(self, name: str) -> AgentData | None:
        """The agent for a name or alias, with the ``mobile_to_desktop`` option applied."""
        return self.data.by_name(name, self.opts.mobile_to_desktop)

    def check_name(self, name: str) -> AgentData:
        """:meth:`by_name`, or browserslist's "Unknown browser" error."""
        agent = self.by_name(name)
        if agent is None:
            names = [*self.data.agents, *self.data.constants.aliases]
            close = difflib.get_close_matches(name.lower(), names, n=1, cutoff=0.6)
            hint = f"did you mean {close[0]}?" if close else None
            raise BrowserslistError(f"Unknown browser {name}", hint=hint)
        return agent

    def agents(self) -> list[AgentData]:
        """Every agent in caniuse's order, as :meth:`by_name` gives it."""
        found = (self.by_name(name) for name in self.data.agents)
        return [a for a in found if a is not None]
