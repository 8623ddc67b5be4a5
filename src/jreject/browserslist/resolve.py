"""Resolve parsed clauses to ``"agent version"`` strings, as browserslist 4 does.

Each query kind has a selector below; :func:`resolve_queries` folds their results with
``or`` / ``and`` / ``not`` and :func:`browserslist` sorts like browserslist (by agent
name, newest version first).
"""

from __future__ import annotations

import functools
import math
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from jreject.browserslist import _js
from jreject.browserslist.baseline import baseline_queries
from jreject.browserslist.dataset import AgentData, Dataset, dataset
from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.parser import Clause, parse
from jreject.browserslist.runtimes import RUNTIME_SELECTORS
from jreject.browserslist.shareable import load_queries, load_stats
from jreject.browserslist.stats import custom_usage

__all__ = ["Options", "browserslist", "resolve_queries"]

#: browserslist's year, in milliseconds.
YEAR_MS = 365.259641 * 24 * 60 * 60 * 1000


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
class _Ctx:
    opts: Options
    data: Dataset
    now: float
    custom: dict[str, float | None] | None = None
    depth: int = field(default=0)

    def by_name(self, name: str) -> AgentData | None:
        return self.data.by_name(name, self.opts.mobile_to_desktop)

    def check_name(self, name: str) -> AgentData:
        agent = self.by_name(name)
        if agent is None:
            raise BrowserslistError(f"Unknown browser {name}")
        return agent

    def agents(self) -> list[AgentData]:
        found = (self.by_name(name) for name in self.data.agents)
        return [a for a in found if a is not None]


# -- helpers mirroring browserslist's -----------------------------------------------------


def _major(version: str) -> float:
    return _js.parse_int(version.split(".")[0])


def _uniq(items: Sequence[float]) -> list[float]:
    # Equality as JavaScript's indexOf sees it: NaN never equals itself, so every NaN stays.
    out: list[float] = []
    seen: set[float] = set()
    for item in items:
        if item != item:
            out.append(item)
        elif item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _major_versions(released: Sequence[str], number: int) -> list[str]:
    if not released:
        return []
    majors = _uniq([_major(v) for v in released])
    index = len(majors) - number
    minimum = majors[index] if 0 <= index < len(majors) else None
    if minimum is None or minimum == 0 or math.isnan(minimum):
        return list(released)
    selected: list[str] = []
    for version in reversed(released):
        if minimum > _major(version):
            break
        selected.insert(0, version)
    return selected


def _last(items: Sequence[str], n: int) -> list[str]:
    # Array.prototype.slice(-n): with n = 0 that is the whole list.
    return list(items[-n:]) if n else list(items)


def _filter_jumps(ctx: _Ctx, names: list[str], agent: str, n: int) -> list[str]:
    # caniuse jumps from a legacy version to the current one for these mobile agents.
    if agent == "android":
        if ctx.opts.mobile_to_desktop:
            return names
        released = ctx.data.agents["chrome"].released
        first = ctx.data.constants.android_evergreen_first
        jump = len(released) - (released.index(first) if first in released else -1)
    elif agent == "op_mob":
        latest = ctx.data.agents["op_mob"].released[-1]
        jump = int(_major(latest)) - ctx.data.constants.op_mob_blink_first + 1
    else:
        return names
    if n <= jump:
        return names[-1:]
    return names[jump - 1 - n :]


def _filter_usage(usage: dict[str, float | None], sign: str, popularity: float) -> list[str]:
    compare: Callable[[float], bool] = {
        "<": lambda p: p < popularity,
        "<=": lambda p: p <= popularity,
        ">": lambda p: p > popularity,
    }.get(sign, lambda p: p >= popularity)
    return [key for key, share in usage.items() if share is not None and compare(share)]


def _latest_float(version: str) -> float:
    parts = version.split("-")
    return _js.parse_float(parts[1] if len(parts) > 1 and parts[1] else version)


def _ray_filter(sign: str, version: str) -> Callable[[str], bool]:
    if sign == ">":
        bound = _latest_float(version)
        return lambda v: _latest_float(v) > bound
    if sign == ">=":
        bound = _latest_float(version)
        return lambda v: _latest_float(v) >= bound
    limit = _js.parse_float(version)
    if sign == "<":
        return lambda v: _js.parse_float(v) < limit
    return lambda v: _js.parse_float(v) <= limit


def _normalize_version(agent: AgentData, aliases: dict[str, str], version: str) -> str | None:
    if version in agent.versions:
        return version
    if version in aliases:
        return aliases[version]
    if len(agent.versions) == 1:
        return agent.versions[0]
    return None


def _by_year(ctx: _Ctx, since_ms: float) -> list[str]:
    since = since_ms / 1000
    out: list[str] = []
    for agent in ctx.agents():
        out.extend(
            f"{agent.name} {v}"
            for v, date in agent.release_date.items()
            if date is not None and date >= since
        )
    return out


def _region_usage(ctx: _Ctx, place: str) -> dict[str, float | None]:
    code = place.upper() if len(place) == 2 else place.lower()
    code = "".join(ch for ch in code if ch.isalnum() or ch in "_-")
    usage = ctx.data.region(code)
    if usage is None:
        raise BrowserslistError(f"Unknown region name `{code}`.")
    return usage


def _needs_custom(ctx: _Ctx) -> dict[str, float | None]:
    if ctx.custom is None:
        raise BrowserslistError("Custom usage statistics was not provided")
    return ctx.custom


# -- selectors ------------------------------------------------------------------------------

Selector = Callable[[_Ctx, Clause], list[str]]


def _last_major_versions(ctx: _Ctx, node: Clause) -> list[str]:
    n = int(node.values["versions"] or 0)
    out: list[str] = []
    for agent in ctx.agents():
        names = [f"{agent.name} {v}" for v in _major_versions(agent.released, n)]
        out.extend(_filter_jumps(ctx, names, agent.name, n))
    return out


def _last_versions(ctx: _Ctx, node: Clause) -> list[str]:
    n = int(node.values["versions"] or 0)
    out: list[str] = []
    for agent in ctx.agents():
        names = [f"{agent.name} {v}" for v in _last(agent.released, n)]
        out.extend(_filter_jumps(ctx, names, agent.name, n))
    return out


def _last_browser_major_versions(ctx: _Ctx, node: Clause) -> list[str]:
    n = int(node.values["versions"] or 0)
    agent = ctx.check_name(node.values["browser"] or "")
    names = [f"{agent.name} {v}" for v in _major_versions(agent.released, n)]
    return _filter_jumps(ctx, names, agent.name, n)


def _last_browser_versions(ctx: _Ctx, node: Clause) -> list[str]:
    n = int(node.values["versions"] or 0)
    agent = ctx.check_name(node.values["browser"] or "")
    names = [f"{agent.name} {v}" for v in _last(agent.released, n)]
    return _filter_jumps(ctx, names, agent.name, n)


def _unreleased_versions(ctx: _Ctx, node: Clause) -> list[str]:
    out: list[str] = []
    for agent in ctx.agents():
        out.extend(f"{agent.name} {v}" for v in agent.versions if v not in agent.released)
    return out


def _unreleased_browser_versions(ctx: _Ctx, node: Clause) -> list[str]:
    agent = ctx.check_name(node.values["browser"] or "")
    return [f"{agent.name} {v}" for v in agent.versions if v not in agent.released]


def _last_years(ctx: _Ctx, node: Clause) -> list[str]:
    return _by_year(ctx, ctx.now - YEAR_MS * float(node.values["years"] or 0))


def _since(ctx: _Ctx, node: Clause) -> list[str]:
    year = _js.parse_int(node.values.get("year"))
    month = _js.parse_int(node.values.get("month") or "01") - 1
    day = _js.parse_int(node.values.get("day") or "01")
    return _by_year(ctx, _js.utc_ms(int(year), int(month), int(day)))


def _baseline(ctx: _Ctx, node: Clause) -> list[str]:
    queries = baseline_queries(
        year=node.values.get("year"),
        availability=(node.values.get("availability") or "").lower() or None,
        date=node.values.get("date"),
        downstream=bool(node.values.get("downstream")),
        kaios=bool(node.values.get("kaios")),
        now=ctx.now,
        agents=ctx.data.constants.baseline_agents,
    )
    return _resolve(queries, ctx)


def _popularity(ctx: _Ctx, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    return _filter_usage(ctx.data.usage_global, node.values["sign"] or ">=", share)


def _popularity_in_my_stats(ctx: _Ctx, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    return _filter_usage(_needs_custom(ctx), node.values["sign"] or ">=", share)


def _popularity_in_place(ctx: _Ctx, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    usage = _region_usage(ctx, node.values["place"] or "")
    return _filter_usage(usage, node.values["sign"] or ">=", share)


def _package_usage(ctx: _Ctx, name: str) -> dict[str, float | None]:
    stats = load_stats(name, ctx.opts.dangerous_extend)
    usage = custom_usage(stats, None, ctx.data)
    if usage is None:
        raise BrowserslistError("Custom usage statistics was not provided")
    return usage


def _config_stats(ctx: _Ctx, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    usage = _package_usage(ctx, node.values["config"] or "")
    return _filter_usage(usage, node.values["sign"] or ">=", share)


def _cover(ctx: _Ctx, node: Clause) -> list[str]:
    coverage = float(node.values["coverage"] or 0)
    place = node.values.get("place")
    usage = ctx.data.usage_global
    if node.values.get("config"):
        usage = _package_usage(ctx, node.values["config"] or "")
    elif place:
        if " ".join(place.lower().split()) == "my stats":
            usage = _needs_custom(ctx)
        else:
            usage = _region_usage(ctx, place)
    # A stable sort, as V8's: equal shares keep the order browserslist iterates them in.
    ordered = sorted(usage, key=lambda k: -(usage[k] or 0))
    covered = 0.0
    result: list[str] = []
    for key in ordered:
        share = usage[key]
        if not share:
            break
        covered += share
        result.append(key)
        if covered >= coverage:
            break
    return result


def _supports(ctx: _Ctx, node: Clause) -> list[str]:
    name = "".join(ch for ch in node.values["feature"] or "" if ch.isalnum() or ch in "_-")
    features = ctx.data.feature(name)
    if features is None:
        raise BrowserslistError(f"Unknown feature name `{name}`.")
    with_partial = (node.values.get("support") or "").lower() != "fully"

    def supported(letter: str | None) -> bool:
        return letter == "y" or (with_partial and letter == "a")

    desktop_names = ctx.data.constants.desktop_names
    result: list[str] = []
    for agent_id, support in features.items():
        agent = ctx.by_name(agent_id)
        if agent is None:
            continue
        # Only fall back to desktop data when the newest mobile release has support.
        newest = next((v for v in reversed(agent.released) if v in support), None)
        check_desktop = (
            ctx.opts.mobile_to_desktop
            and agent_id in desktop_names
            and supported(support.get(newest) if newest is not None else None)
        )
        desktop = features.get(desktop_names.get(agent_id, ""), {})
        for version in agent.versions:
            letter = support.get(version)
            if letter is None and check_desktop:
                letter = desktop.get(version)
            if supported(letter):
                result.append(f"{agent_id} {version}")
    return result


def _browser_range(ctx: _Ctx, node: Clause) -> list[str]:
    agent = ctx.check_name(node.values["browser"] or "")
    aliases = ctx.data.version_aliases.get(agent.name, {})
    raw_from, raw_to = node.values["from"] or "", node.values["to"] or ""
    low = _js.parse_float(_normalize_version(agent, aliases, raw_from) or raw_from)
    high = _js.parse_float(_normalize_version(agent, aliases, raw_to) or raw_to)
    return [
        f"{agent.name} {v}"
        for v in agent.released
        if _latest_float(v) >= low and _js.parse_float(v) <= high
    ]


def _browser_ray(ctx: _Ctx, node: Clause) -> list[str]:
    version = node.values["version"] or ""
    agent = ctx.check_name(node.values["browser"] or "")
    alias = ctx.data.version_aliases.get(agent.name, {}).get(version.lower())
    # Numbers stay as written: a joined range like 15.6-15.8 would move the bound.
    if alias and not all(ch.isdigit() or ch == "." for ch in version):
        version = alias
    if not any(ch.isdigit() or ch == "." for ch in version):
        raise BrowserslistError(f"Unknown version {version} of {node.values['browser']}")
    keep = _ray_filter(node.values["sign"] or ">=", version)
    return [f"{agent.name} {v}" for v in agent.released if keep(v)]


def _browser_version(ctx: _Ctx, node: Clause) -> list[str]:
    version = node.values["version"] or ""
    if version.lower() == "tp":
        version = "TP"
    agent = ctx.check_name(node.values["browser"] or "")
    aliases = ctx.data.version_aliases.get(agent.name, {})
    found = _normalize_version(agent, aliases, version)
    if not found:
        other = version + ".0" if "." not in version else version.removesuffix(".0")
        found = _normalize_version(agent, aliases, other)
        if not found:
            if ctx.opts.ignore_unknown_versions:
                return []
            raise BrowserslistError(f"Unknown version {version} of {node.values['browser']}")
    return [f"{agent.name} {found}"]


def _browserslist_config(ctx: _Ctx, node: Clause) -> list[str]:
    from jreject.browserslist.config import load_config

    queries = load_config(ctx.opts.path or ".", env=ctx.opts.env, config=ctx.opts.config)
    return browserslist(
        queries if queries is not None else list(ctx.data.constants.defaults), ctx.opts
    )


def _extends(ctx: _Ctx, node: Clause) -> list[str]:
    from jreject.browserslist.config import pick_env

    name = node.values["config"] or ""
    queries = load_queries(name, ctx.opts.path, ctx.opts.dangerous_extend)
    if isinstance(queries, dict):
        queries = pick_env(queries, ctx.opts.env, ctx.opts.throw_on_missing)
    return _resolve(queries, ctx)


def _unknown(ctx: _Ctx, node: Clause) -> list[str]:
    if ctx.by_name(node.text):
        raise BrowserslistError(f"Specify versions in Browserslist query for browser {node.text}")
    raise BrowserslistError(
        f"Unknown browser query `{node.text}`. "
        "Maybe you are using old Browserslist or made typo in query."
    )


def _runtime(kind: str) -> Selector:
    select = RUNTIME_SELECTORS[kind]
    return lambda ctx, node: select(node, ctx.opts, lambda qs: _resolve(qs, ctx), ctx.now)


SELECTORS: dict[str, Selector] = {
    "last_major_versions": _last_major_versions,
    "last_versions": _last_versions,
    "last_electron_major_versions": _runtime("last_electron_major_versions"),
    "last_node_major_versions": _runtime("last_node_major_versions"),
    "last_browser_major_versions": _last_browser_major_versions,
    "last_electron_versions": _runtime("last_electron_versions"),
    "last_node_versions": _runtime("last_node_versions"),
    "last_browser_versions": _last_browser_versions,
    "unreleased_versions": _unreleased_versions,
    "unreleased_electron_versions": lambda ctx, node: [],
    "unreleased_browser_versions": _unreleased_browser_versions,
    "last_years": _last_years,
    "since_y": _since,
    "since_y_m": _since,
    "since_y_m_d": _since,
    "baseline": _baseline,
    "popularity": _popularity,
    "popularity_in_my_stats": _popularity_in_my_stats,
    "popularity_in_config_stats": _config_stats,
    "popularity_in_place": _popularity_in_place,
    "cover": _cover,
    "cover_in": _cover,
    "cover_config": _cover,
    "supports": _supports,
    "electron_range": _runtime("electron_range"),
    "node_range": _runtime("node_range"),
    "browser_range": _browser_range,
    "electron_ray": _runtime("electron_ray"),
    "node_ray": _runtime("node_ray"),
    "browser_ray": _browser_ray,
    "firefox_esr": lambda ctx, node: [f"firefox {ctx.data.constants.firefox_esr}"],
    "opera_mini_all": lambda ctx, node: ["op_mini all"],
    "electron_version": _runtime("electron_version"),
    "node_major_version": _runtime("node_major_version"),
    "node_minor_version": _runtime("node_minor_version"),
    "node_patch_version": _runtime("node_patch_version"),
    "current_node": _runtime("current_node"),
    "maintained_node": _runtime("maintained_node"),
    "phantomjs_1_9": lambda ctx, node: ["safari 5"],
    "phantomjs_2_1": lambda ctx, node: ["safari 6"],
    "browser_version": _browser_version,
    "browserslist_config": _browserslist_config,
    "extends": _extends,
    "defaults": lambda ctx, node: _resolve(list(ctx.data.constants.defaults), ctx),
    "dead": lambda ctx, node: _resolve(list(ctx.data.constants.dead), ctx),
    "unknown": _unknown,
}


def _resolve(queries: str | Sequence[str], ctx: _Ctx) -> list[str]:
    result: list[str] = []
    for index, node in enumerate(parse(queries)):
        if node.negated and index == 0:
            raise BrowserslistError(
                f"Write any browsers query (for instance, `defaults`) before `{node.text}`",
                query=node.source,
                span=node.span,
            )
        try:
            selected = SELECTORS[node.kind](ctx, node)
        except BrowserslistError as exc:
            raise exc.located(node.source, node.span) from None
        items: list[str] = []
        for item in selected:
            name, _, version = item.partition(" ")
            if version.split(" ")[0] == "0":
                agent = ctx.by_name(name)
                item = f"{name} {agent.versions[0]}" if agent else item
            items.append(item)
        if not node.negated and node.compose == "or":
            result.extend(items)
        else:
            chosen = set(items)
            keep = not node.negated
            result = [item for item in result if (item in chosen) == keep]
    return result


def _sort_key(item: str) -> tuple[str, float, float, float]:
    # browserslist sorts by name, then compareSemver on the part before "-", newest first.
    name, _, version = item.partition(" ")
    parts = version.split("-")[0].split(".")
    minor = parts[1] if len(parts) > 1 and parts[1] else "0"
    patch = parts[2] if len(parts) > 2 and parts[2] else "0"
    return name, _js.parse_int(parts[0]), _js.parse_int(minor), _js.parse_int(patch)


def resolve_queries(queries: str | Sequence[str], opts: Options | None = None) -> list[str]:
    """The unsorted, possibly repeating selection (browserslist's internal ``resolve``)."""
    opts = opts or Options()
    now = opts.now if opts.now is not None else time.time() * 1000
    ctx = _Ctx(opts, dataset(), now, custom_usage(opts.stats, opts.path, dataset()))
    return _resolve(queries, ctx)


def browserslist(
    queries: str | Sequence[str] | None = None, opts: Options | None = None
) -> list[str]:
    """Browsers matching ``queries``, e.g. ``["chrome 131", "safari 18.1", …]``.

    Same answers as browserslist 4 on the same data. ``None`` reads the config (see
    :func:`jreject.browserslist.config.load_config`) from ``opts.path`` or uses the
    defaults. Raises :class:`BrowserslistError`.
    """
    opts = opts or Options()
    if queries is None:
        from jreject.browserslist.config import load_config

        found = load_config(opts.path or os.getcwd(), env=opts.env, config=opts.config)
        queries = found if found is not None else list(dataset().constants.defaults)
    if not isinstance(queries, str | list | tuple):
        raise BrowserslistError(
            f"Browser queries must be an array or string. Got {type(queries).__name__}."
        )
    selected = resolve_queries(queries, opts)
    unique = list(dict.fromkeys(selected))
    keys = [_sort_key(item) for item in unique]
    if any(math.isnan(key[1]) for key in keys):
        # "TP" / "all" compare as NaN, so the comparator is not a total order: only the same
        # comparisons in the same algorithm (TimSort, in V8 as here) give the same result.
        def compare(i: int, j: int) -> int:
            (name1, *v1), (name2, *v2) = keys[i], keys[j]
            if name1 != name2:
                return -1 if name1 < name2 else 1
            for a, b in zip(v1, v2, strict=True):
                if a < b:
                    return 1
                if a > b:
                    return -1
            return 0

        order = sorted(range(len(unique)), key=functools.cmp_to_key(compare))
    else:
        order = sorted(range(len(unique)), key=lambda i: (keys[i][0], *(-n for n in keys[i][1:])))
    return [unique[i] for i in order]
