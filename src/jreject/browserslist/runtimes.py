"""``node …`` and ``electron …`` queries, on electron-to-chromium and node-releases data.

Electron versions resolve to the Chrome version they ship (``electron 30`` → ``chrome 124``);
Node.js queries to ``node X.Y.Z``. ``current node`` needs a running Node.js, so it is the one
query of this family answered with an error.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from jreject.browserslist import _js
from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.versions import count, last, major_versions, ray_filter
from jreject.data import load_runtimes

if TYPE_CHECKING:
    from jreject.browserslist.context import Context
    from jreject.browserslist.parser import Clause

__all__ = ["RUNTIME_SELECTORS"]


def _electron() -> dict[str, str]:
    return dict(load_runtimes()["electron"])


def _node_versions() -> list[str]:
    return list(load_runtimes()["node"])


def _normalize_electron(version: str) -> str:
    parts = version.split(".")
    return ".".join(parts[:-1]) if len(parts) == 3 else version


def _ints(version: str) -> list[float]:
    return [_js.parse_int(part) for part in version.split(".")]


def _loose(operator: str, bound: str) -> Callable[[str], bool]:
    # npm-like loose semver: "18" means any 18.x, "18.2" any 18.2.x.
    limit: list[float | None] = list(_ints(bound))
    if len(limit) < 2:
        limit.append(None)

    def compare(version: str) -> int:
        parts = [*_ints(version), math.nan]
        if parts[0] != limit[0]:
            return -1 if limit[0] is not None and parts[0] < limit[0] else 1
        if limit[1] is None:
            return 0
        if parts[1] != limit[1]:
            return -1 if parts[1] < limit[1] else 1
        return 0

    if operator == "<=":
        return lambda v: compare(v) <= 0
    return lambda v: compare(v) >= 0


def _cmp(a: float, b: float) -> int:
    return -1 if a < b else 1 if a > b else 0


@functools.lru_cache(maxsize=4096)
def _semver_parts(version: str) -> tuple[float, float, float]:
    # compareSemver's view of a version: a minor or patch that is missing, NaN or 0 counts
    # as 0, and each part, already a number, goes through parseInt again by way of its
    # string, so a bound of 400 digits (Infinity) compares as NaN and one of 1e+21 as 1.
    parts = _ints(version)

    def part(i: int) -> float:
        value = parts[i] if i < len(parts) else math.nan
        if i and (math.isnan(value) or value == 0):
            return 0.0
        return _js.parse_int(_js.js_string(value))

    return part(0), part(1), part(2)


def _semver(sign: str, version: str) -> Callable[[str], bool]:
    bound = _semver_parts(version)

    def compare(a: tuple[float, ...], b: tuple[float, ...]) -> int:
        return _cmp(a[0], b[0]) or _cmp(a[1], b[1]) or _cmp(a[2], b[2])

    if sign == ">":
        return lambda v: compare(_semver_parts(v), bound) > 0
    if sign == ">=":
        return lambda v: compare(_semver_parts(v), bound) >= 0
    if sign == "<":
        return lambda v: compare(bound, _semver_parts(v)) > 0
    return lambda v: compare(bound, _semver_parts(v)) >= 0


def _chrome(keys: list[str]) -> list[str]:
    e2c = _electron()
    return [f"chrome {e2c[key]}" for key in keys]


def last_electron_major_versions(ctx: Context, node: Clause) -> list[str]:
    return _chrome(major_versions(list(_electron()), count(node.values["versions"])))


def last_electron_versions(ctx: Context, node: Clause) -> list[str]:
    return _chrome(last(list(_electron()), count(node.values["versions"])))


def electron_range(ctx: Context, node: Clause) -> list[str]:
    low, high = node.values["from"] or "", node.values["to"] or ""
    e2c = _electron()
    for raw in (low, high):
        if _normalize_electron(raw) not in e2c:
            raise BrowserslistError(
                f"Unknown version {_js.js_string(_js.parse_float(raw))} of electron"
            )
    above, below = _loose(">=", low), _loose("<=", high)
    return _chrome([key for key in e2c if above(key) and below(key)])


def electron_ray(ctx: Context, node: Clause) -> list[str]:
    keep = ray_filter(
        node.values["sign"] or ">=", _normalize_electron(node.values["version"] or "")
    )
    return _chrome([key for key in _electron() if keep(key)])


def electron_version(ctx: Context, node: Clause) -> list[str]:
    version = node.values["version"] or ""
    chrome = _electron().get(_normalize_electron(version))
    if not chrome:
        raise BrowserslistError(f"Unknown version {version} of electron")
    return [f"chrome {chrome}"]


def last_node_major_versions(ctx: Context, node: Clause) -> list[str]:
    versions = major_versions(_node_versions(), count(node.values["versions"]))
    return [f"node {v}" for v in versions]


def last_node_versions(ctx: Context, node: Clause) -> list[str]:
    return [f"node {v}" for v in last(_node_versions(), count(node.values["versions"]))]


def node_range(ctx: Context, node: Clause) -> list[str]:
    above, below = _loose(">=", node.values["from"] or ""), _loose("<=", node.values["to"] or "")
    return [f"node {v}" for v in _node_versions() if above(v) and below(v)]


def node_ray(ctx: Context, node: Clause) -> list[str]:
    keep = _semver(node.values["sign"] or ">=", node.values["version"] or "")
    return [f"node {v}" for v in _node_versions() if keep(v)]


def _matches(version: str, prefix: str) -> bool:
    return (version + ".").startswith(prefix + ".")


def node_version(ctx: Context, node: Clause) -> list[str]:
    wanted = node.values["version"] or ""
    matched = [v for v in _node_versions() if _matches(v, wanted)]
    if not matched:
        if ctx.opts.ignore_unknown_versions:
            return []
        raise BrowserslistError(f"Unknown version {wanted} of Node.js")
    return [f"node {matched[-1]}"]


def maintained_node(ctx: Context, node: Clause) -> list[str]:
    versions = _node_versions()
    queries = []
    for key, start, end in load_runtimes()["node_schedule"]:
        released = any(_matches(v, key[1:]) for v in versions)
        if _js.iso_date_ms(start) < ctx.now < _js.iso_date_ms(end) and released:
            queries.append(f"node {key[1:]}")
    return ctx.resolve(queries)


def current_node(ctx: Context, node: Clause) -> list[str]:
    raise BrowserslistError(
        f"`{node.text}` needs the version of a running Node.js; name a version instead "
        "(for instance `node 22`)"
    )


RUNTIME_SELECTORS = {
    "last_electron_major_versions": last_electron_major_versions,
    "last_electron_versions": last_electron_versions,
    "electron_range": electron_range,
    "electron_ray": electron_ray,
    "electron_version": electron_version,
    "last_node_major_versions": last_node_major_versions,
    "last_node_versions": last_node_versions,
    "node_range": node_range,
    "node_ray": node_ray,
    "node_major_version": node_version,
    "node_minor_version": node_version,
    "node_patch_version": node_version,
    "maintained_node": maintained_node,
    "current_node": current_node,
}
