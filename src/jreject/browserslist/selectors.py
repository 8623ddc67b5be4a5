"""One selector per browserslist query kind: ``(context, clause) → ["agent version", …]``."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

from jreject.browserslist import _js
from jreject.browserslist.baseline import baseline_queries
from jreject.browserslist.context import Context
from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.parser import Clause
from jreject.browserslist.runtimes import RUNTIME_SELECTORS
from jreject.browserslist.shareable import load_queries, load_stats
from jreject.browserslist.stats import custom_usage
from jreject.browserslist.versions import (
    count,
    filter_usage,
    last,
    latest_float,
    major,
    major_versions,
    normalize_version,
    ray_filter,
)

__all__ = ["SELECTORS", "YEAR_MS", "Selector"]

#: browserslist's year, in milliseconds.
YEAR_MS = 365.259641 * 24 * 60 * 60 * 1000


def _filter_jumps(ctx: Context, names: list[str], agent: str, n: int) -> list[str]:
    # caniuse jumps from a legacy version to the current one for these mobile agents.
    if agent == "android":
        if ctx.opts.mobile_to_desktop:
            return names
        released = ctx.data.agents["chrome"].released
        first = ctx.data.constants.android_evergreen_first
        jump = len(released) - (released.index(first) if first in released else -1)
    elif agent == "op_mob":
        latest = ctx.data.agents["op_mob"].released[-1]
        jump = int(major(latest)) - ctx.data.constants.op_mob_blink_first + 1
    else:
        return names
    if n <= jump:
        return names[-1:]
    return names[jump - 1 - n :]


def _by_year(ctx: Context, since_ms: float) -> list[str]:
    since = since_ms / 1000
    out: list[str] = []
    for agent in ctx.agents():
        out.extend(
            f"{agent.name} {v}"
            for v, date in agent.release_date.items()
            if date is not None and date >= since
        )
    return out


def _region_usage(ctx: Context, place: str) -> dict[str, float | None]:
    code = place.upper() if len(place) == 2 else place.lower()
    code = "".join(ch for ch in code if ch.isalnum() or ch in "_-")
    usage = ctx.data.region(code)
    if usage is None:
        raise BrowserslistError(f"Unknown region name `{code}`.")
    return usage


def _needs_custom(ctx: Context) -> dict[str, float | None]:
    if ctx.custom is None:
        raise BrowserslistError("Custom usage statistics was not provided")
    return ctx.custom


# -- selectors ------------------------------------------------------------------------------

Selector = Callable[[Context, Clause], list[str]]


def _last_major_versions(ctx: Context, node: Clause) -> list[str]:
    n = count(node.values["versions"])
    out: list[str] = []
    for agent in ctx.agents():
        names = [f"{agent.name} {v}" for v in major_versions(agent.released, n)]
        out.extend(_filter_jumps(ctx, names, agent.name, n))
    return out


def _last_versions(ctx: Context, node: Clause) -> list[str]:
    n = count(node.values["versions"])
    out: list[str] = []
    for agent in ctx.agents():
        names = [f"{agent.name} {v}" for v in last(agent.released, n)]
        out.extend(_filter_jumps(ctx, names, agent.name, n))
    return out


def _last_browser_major_versions(ctx: Context, node: Clause) -> list[str]:
    n = count(node.values["versions"])
    agent = ctx.check_name(node.values["browser"] or "")
    names = [f"{agent.name} {v}" for v in major_versions(agent.released, n)]
    return _filter_jumps(ctx, names, agent.name, n)


def _last_browser_versions(ctx: Context, node: Clause) -> list[str]:
    n = count(node.values["versions"])
    agent = ctx.check_name(node.values["browser"] or "")
    names = [f"{agent.name} {v}" for v in last(agent.released, n)]
    return _filter_jumps(ctx, names, agent.name, n)


def _unreleased_versions(ctx: Context, node: Clause) -> list[str]:
    out: list[str] = []
    for agent in ctx.agents():
        out.extend(f"{agent.name} {v}" for v in agent.versions if v not in agent.released)
    return out


def _unreleased_browser_versions(ctx: Context, node: Clause) -> list[str]:
    agent = ctx.check_name(node.values["browser"] or "")
    return [f"{agent.name} {v}" for v in agent.versions if v not in agent.released]


def _last_years(ctx: Context, node: Clause) -> list[str]:
    return _by_year(ctx, ctx.now - YEAR_MS * float(node.values["years"] or 0))


def _since(ctx: Context, node: Clause) -> list[str]:
    year = _js.parse_int(node.values.get("year"))
    month = _js.parse_int(node.values.get("month") or "01") - 1
    day = _js.parse_int(node.values.get("day") or "01")
    return _by_year(ctx, _js.utc_ms(year, month, day))


def _baseline(ctx: Context, node: Clause) -> list[str]:
    queries = baseline_queries(
        year=node.values.get("year"),
        availability=(node.values.get("availability") or "").lower() or None,
        date=node.values.get("date"),
        downstream=bool(node.values.get("downstream")),
        kaios=bool(node.values.get("kaios")),
        now=ctx.now,
        agents=ctx.data.constants.baseline_agents,
    )
    return ctx.resolve(queries)


def _popularity(ctx: Context, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    return filter_usage(ctx.data.usage_global, node.values["sign"] or ">=", share)


def _popularity_in_my_stats(ctx: Context, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    return filter_usage(_needs_custom(ctx), node.values["sign"] or ">=", share)


def _popularity_in_place(ctx: Context, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    usage = _region_usage(ctx, node.values["place"] or "")
    return filter_usage(usage, node.values["sign"] or ">=", share)


def _package_usage(ctx: Context, name: str) -> dict[str, float | None]:
    stats = load_stats(name, ctx.opts.dangerous_extend)
    usage = custom_usage(stats, None, ctx.data)
    if usage is None:
        raise BrowserslistError("Custom usage statistics was not provided")
    return usage


def _config_stats(ctx: Context, node: Clause) -> list[str]:
    share = float(node.values["popularity"] or 0)
    usage = _package_usage(ctx, node.values["config"] or "")
    return filter_usage(usage, node.values["sign"] or ">=", share)


def _cover(ctx: Context, node: Clause) -> list[str]:
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


def _supports(ctx: Context, node: Clause) -> list[str]:
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


def _browser_range(ctx: Context, node: Clause) -> list[str]:
    agent = ctx.check_name(node.values["browser"] or "")
    aliases = ctx.data.version_aliases.get(agent.name, {})
    raw_from, raw_to = node.values["from"] or "", node.values["to"] or ""
    low = _js.parse_float(normalize_version(agent, aliases, raw_from) or raw_from)
    high = _js.parse_float(normalize_version(agent, aliases, raw_to) or raw_to)
    return [
        f"{agent.name} {v}"
        for v in agent.released
        if latest_float(v) >= low and _js.parse_float(v) <= high
    ]


def _browser_ray(ctx: Context, node: Clause) -> list[str]:
    version = node.values["version"] or ""
    agent = ctx.check_name(node.values["browser"] or "")
    alias = ctx.data.version_aliases.get(agent.name, {}).get(version.lower())
    # Numbers stay as written: a joined range like 15.6-15.8 would move the bound.
    if alias and not all(ch.isdigit() or ch == "." for ch in version):
        version = alias
    if not any(ch.isdigit() or ch == "." for ch in version):
        raise BrowserslistError(f"Unknown version {version} of {node.values['browser']}")
    keep = ray_filter(node.values["sign"] or ">=", version)
    return [f"{agent.name} {v}" for v in agent.released if keep(v)]


def _browser_version(ctx: Context, node: Clause) -> list[str]:
    version = node.values["version"] or ""
    if version.lower() == "tp":
        version = "TP"
    agent = ctx.check_name(node.values["browser"] or "")
    aliases = ctx.data.version_aliases.get(agent.name, {})
    found = normalize_version(agent, aliases, version)
    if not found:
        other = version + ".0" if "." not in version else version.removesuffix(".0")
        found = normalize_version(agent, aliases, other)
        if not found:
            if ctx.opts.ignore_unknown_versions:
                return []
            raise BrowserslistError(f"Unknown version {version} of {node.values['browser']}")
    return [f"{agent.name} {found}"]


#: The ``browserslist config`` and ``extends`` clauses being expanded, outermost first. With
#: the same options each reads the same queries again, so meeting one of them inside
#: itself is a loop (browserslist runs until the stack overflows).
_EXPANDING: ContextVar[tuple[str, ...]] = ContextVar("browserslist_expanding", default=())


@contextlib.contextmanager
def _expanding(step: str) -> Iterator[None]:
    chain = _EXPANDING.get()
    if step in chain:
        loop = " → ".join((*chain[chain.index(step) :], step))
        raise BrowserslistError(f"Browserslist config includes itself: {loop}")
    token = _EXPANDING.set((*chain, step))
    try:
        yield
    finally:
        _EXPANDING.reset(token)


def _browserslist_config(ctx: Context, node: Clause) -> list[str]:
    from jreject.browserslist.config import load_config

    opts = ctx.opts
    with _expanding("browserslist config"):
        queries = load_config(
            opts.path or ".",
            env=opts.env,
            config=opts.config,
            throw_on_missing=opts.throw_on_missing,
        )
        defaults = list(ctx.data.constants.defaults)
        return ctx.browserslist(queries if queries is not None else defaults)


def _extends(ctx: Context, node: Clause) -> list[str]:
    from jreject.browserslist.config import pick_env

    name = node.values["config"] or ""
    with _expanding(f"extends {name}"):
        queries = load_queries(name, ctx.opts.path, ctx.opts.dangerous_extend)
        if isinstance(queries, dict):
            queries = pick_env(queries, ctx.opts.env, ctx.opts.throw_on_missing)
        return ctx.resolve(queries)


def _unknown(ctx: Context, node: Clause) -> list[str]:
    if ctx.by_name(node.text):
        raise BrowserslistError(f"Specify versions in Browserslist query for browser {node.text}")
    raise BrowserslistError(
        f"Unknown browser query `{node.text}`. "
        "Maybe you are using old Browserslist or made typo in query."
    )


SELECTORS: dict[str, Selector] = {
    "last_major_versions": _last_major_versions,
    "last_versions": _last_versions,
    "last_electron_major_versions": RUNTIME_SELECTORS["last_electron_major_versions"],
    "last_node_major_versions": RUNTIME_SELECTORS["last_node_major_versions"],
    "last_browser_major_versions": _last_browser_major_versions,
    "last_electron_versions": RUNTIME_SELECTORS["last_electron_versions"],
    "last_node_versions": RUNTIME_SELECTORS["last_node_versions"],
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
    "electron_range": RUNTIME_SELECTORS["electron_range"],
    "node_range": RUNTIME_SELECTORS["node_range"],
    "browser_range": _browser_range,
    "electron_ray": RUNTIME_SELECTORS["electron_ray"],
    "node_ray": RUNTIME_SELECTORS["node_ray"],
    "browser_ray": _browser_ray,
    "firefox_esr": lambda ctx, node: [f"firefox {ctx.data.constants.firefox_esr}"],
    "opera_mini_all": lambda ctx, node: ["op_mini all"],
    "electron_version": RUNTIME_SELECTORS["electron_version"],
    "node_major_version": RUNTIME_SELECTORS["node_major_version"],
    "node_minor_version": RUNTIME_SELECTORS["node_minor_version"],
    "node_patch_version": RUNTIME_SELECTORS["node_patch_version"],
    "current_node": RUNTIME_SELECTORS["current_node"],
    "maintained_node": RUNTIME_SELECTORS["maintained_node"],
    "phantomjs_1_9": lambda ctx, node: ["safari 5"],
    "phantomjs_2_1": lambda ctx, node: ["safari 6"],
    "browser_version": _browser_version,
    "browserslist_config": _browserslist_config,
    "extends": _extends,
    "defaults": lambda ctx, node: ctx.resolve(list(ctx.data.constants.defaults)),
    "dead": lambda ctx, node: ctx.resolve(list(ctx.data.constants.dead)),
    "unknown": _unknown,
}
