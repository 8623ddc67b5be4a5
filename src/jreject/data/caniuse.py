"""Unpack caniuse-lite's packed data modules (agents, features, regions) into plain values.

Follows the encodings documented in caniuse-lite's ``dist/unpacker``; where browserslist's
answers depend on JavaScript's property order (ties in ``cover`` queries), that order is kept.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from jreject.data.jsliteral import js_key_order, parse_module

if TYPE_CHECKING:
    from jreject.data.package import Package

__all__ = ["DAY", "convert_caniuse", "encode_runs"]

DAY = 86400
# Support tokens in caniuse-lite's packed feature strings (dist/unpacker/feature.js).
_FEATURE_TOKENS = 93
_FEATURE_POPULAR = 35
_FEATURE_LENGTH = 38
_FEATURE_LENGTH_BASE = 55
# Tokens of packed region strings (dist/unpacker/region.js).
_REGION_LAST_DIGITS = 45
_REGION_LEAD_DIGITS = 22
_REGION_NULLS = 67
_REGION_ZEROS = 87
_REGION_UNIT = 91
_REGION_UNIT_SCALE = 1e4
_REGION_USAGE_SCALE = 1e5
_SUPPORT_YES = 1
_SUPPORT_PARTIAL = 4


# -- caniuse-lite ---------------------------------------------------------------------


def _agent_versions(packed: list[Any]) -> list[str | None]:
    # Versions are space-separated strings, runs of empty cells are counts.
    versions: list[str | None] = []
    for item in packed:
        if isinstance(item, int):
            versions.extend([None] * item)
        else:
            versions.extend(item.split(" "))
    return versions


def _release_dates(versions: list[str], packed: Any) -> dict[str, int | None]:
    if not isinstance(packed, list):
        return {k: packed[k] for k in js_key_order(list(packed))}
    # Dates are days since the previous release.
    days = 0
    dates: dict[str, int | None] = {}
    for version, delta in zip(versions, packed, strict=False):
        if delta is None:
            dates[version] = None
        else:
            days += delta
            dates[version] = days * DAY
    return dates


def _global_usage(versions: list[str], packed: Any) -> list[list[Any]]:
    if not isinstance(packed, list):
        return [[k, packed[k]] for k in js_key_order(list(packed))]
    return [[v, u] for v, u in zip(versions, packed, strict=False)]


def _token(packed: str, pos: int) -> int:
    # Printable ASCII without the quote (34) and the backslash (92).
    code = ord(packed[pos])
    if code > 92:
        code -= 1
    if code > 34:
        code -= 1
    return code - 32


def _support_class(cipher: int) -> str:
    if cipher & _SUPPORT_YES:
        return "y"
    if cipher & _SUPPORT_PARTIAL:
        return "a"
    return "n"


def _unpack_feature_runs(
    packed: str, pos: int, versions: list[str], ciphers: list[int], out: dict[str, str]
) -> int:
    total = len(versions)
    start = 0
    while start < total:
        index = _token(packed, pos)
        pos += 1
        if index >= _FEATURE_POPULAR:
            index = _FEATURE_POPULAR + (index - _FEATURE_POPULAR) * _FEATURE_TOKENS
            index += _token(packed, pos)
            pos += 1
        length = 0
        digit = _token(packed, pos) - _FEATURE_LENGTH if pos < len(packed) else -1
        while digit >= 0:
            length = length * _FEATURE_LENGTH_BASE + digit + 1
            pos += 1
            digit = _token(packed, pos) - _FEATURE_LENGTH if pos < len(packed) else -1
        end = start + length if length else total
        cls = _support_class(ciphers[index])
        for i in range(start, end):
            out[versions[i]] = cls
        start = end
    return pos


def encode_runs(classes: list[str]) -> str:
    """``["n","n","y"]`` → ``"n2y"``: a class letter, then its run length when over 1."""
    out: list[str] = []
    i = 0
    while i < len(classes):
        j = i
        while j < len(classes) and classes[j] == classes[i]:
            j += 1
        out.append(classes[i] + (str(j - i) if j - i > 1 else ""))
        i = j
    return "".join(out)


def _encode_support(agent_versions: list[str], support: dict[str, str]) -> Any:
    classes = [support.get(v, "-") for v in agent_versions]
    extra = {v: c for v, c in support.items() if v not in set(agent_versions)}
    runs = encode_runs(classes)
    return [runs, extra] if extra else runs


def _unpack_region(
    packed: Any, region_versions: dict[str, list[str]], browsers: dict[str, str]
) -> dict[str, dict[str, float | None]]:
    if not isinstance(packed, str):
        region: dict[str, dict[str, float | None]] = {}
        for key, data in packed.items():
            stats: dict[str, float | None] = {}
            for version, value in data.items():
                if version == "_":
                    for v in value.split(" "):
                        stats[v] = None
                else:
                    stats[version] = value
            region[browsers[key]] = stats
        return region

    pos = 0
    unit = _REGION_UNIT_SCALE

    def token() -> int:
        nonlocal pos
        value = _token(packed, pos)
        pos += 1
        return value

    def number(index: int) -> int:
        result = 0
        while index >= _REGION_LAST_DIGITS:
            result = result * _REGION_LEAD_DIGITS + index - _REGION_LAST_DIGITS
            index = token()
        return result * _REGION_LAST_DIGITS + index

    region = {}
    for key, versions in region_versions.items():
        total = len(versions)
        usage: list[float | None] = []
        first_null = total
        while len(usage) < total:
            index = token()
            if index < _REGION_NULLS:
                # JavaScript's Math.round: halves go up.
                scaled = number(index) * unit / _REGION_UNIT_SCALE
                usage.append(math.floor(scaled + 0.5) / _REGION_USAGE_SCALE)
            elif index < _REGION_UNIT:
                nulls = index < _REGION_ZEROS
                count = index - _REGION_NULLS + 1 if nulls else index - _REGION_ZEROS + 2
                if nulls and first_null == total:
                    first_null = len(usage)
                usage.extend([None if nulls else 0] * count)
            elif index == _REGION_UNIT:
                unit = number(token()) or _REGION_UNIT_SCALE
            else:
                if first_null == total:
                    first_null = len(usage)
                usage.extend([None] * (total - len(usage)))
        # caniuse-lite moved the versions without data to where the first of them was.
        ordered: dict[str, float | None] = {}
        for j in range(first_null):
            ordered[versions[j]] = usage[j]
        for j in range(first_null, total):
            if usage[j] is None:
                ordered[versions[j]] = None
        for j in range(first_null, total):
            if usage[j] is not None:
                ordered[versions[j]] = usage[j]
        region[browsers[key]] = ordered
    return region


def convert_caniuse(pkg: Package) -> dict[str, Any]:
    """Agents, global and regional usage and feature support from a caniuse-lite package."""
    browsers: dict[str, str] = parse_module(pkg.read("data/browsers.js"))
    packed_agents: dict[str, Any] = parse_module(pkg.read("data/agents.js"))
    agents: dict[str, Any] = {}
    version_lists: dict[str, list[str]] = {}
    all_versions: dict[str, list[str]] = {}
    for key, packed in packed_agents.items():
        agent_id = browsers[key]
        slots = _agent_versions(packed["C"])
        versions = [v for v in slots if v]
        released = [v for v in slots[:-3] if v]
        dates = _release_dates(versions, packed["F"])
        agents[agent_id] = {
            "name": packed["E"],
            "versions": [[v, dates.get(v)] for v in versions],
            "released": len(released),
            "usage": _global_usage(versions, packed["A"]),
        }
        version_lists[key] = versions
        all_versions[agent_id] = versions
    for key in browsers:
        version_lists.setdefault(key, [])

    ciphers: list[int] = parse_module(pkg.read("data/featureSupport.js"))
    features: dict[str, Any] = {}
    for filename in pkg.listdir("data/features"):
        if not filename.endswith(".js"):
            continue
        packed = parse_module(pkg.read(f"data/features/{filename}"))
        stats: dict[str, dict[str, str]] = {}
        if isinstance(packed["A"], str):
            pos = 0
            for key in browsers:
                support: dict[str, str] = {}
                pos = _unpack_feature_runs(packed["A"], pos, version_lists[key], ciphers, support)
                stats[browsers[key]] = support
        else:
            for key, browser in packed["A"].items():
                support = {}
                if isinstance(browser, str):
                    _unpack_feature_runs(browser, 0, version_lists[key], ciphers, support)
                else:
                    for cipher, versions in browser.items():
                        for v in versions.split(" "):
                            support[v] = _support_class(int(cipher))
                stats[browsers[key]] = support
        features[filename[:-3]] = {
            "title": packed["C"],
            "support": {
                agent: _encode_support(all_versions.get(agent, []), support)
                for agent, support in stats.items()
            },
        }

    region_versions = {
        key: value.split(" ")
        for key, value in parse_module(pkg.read("data/regionVersions.js")).items()
    }
    regions: dict[str, Any] = {}
    for filename in pkg.listdir("data/regions"):
        if not filename.endswith(".js"):
            continue
        region = _unpack_region(
            parse_module(pkg.read(f"data/regions/{filename}")), region_versions, browsers
        )
        ordered: list[Any] = []
        for agent_id, stats_by_version in region.items():
            # caniuse-db reports some mobile browsers as version "0": browserslist moves it
            # to the agent's newest version.
            if "0" in stats_by_version and agent_id in all_versions:
                stats_by_version[all_versions[agent_id][-1]] = stats_by_version["0"]
                del stats_by_version["0"]
            # Versions without data are never selected (usage filters skip them, cover
            # stops at them), so only the versions with a number are kept, in order.
            keys = [
                k for k in js_key_order(list(stats_by_version)) if stats_by_version[k] is not None
            ]
            if keys:
                ordered.append([agent_id, " ".join(keys), [stats_by_version[k] for k in keys]])
        regions[filename[:-3]] = ordered
    return {"agents": agents, "features": features, "regions": regions}
