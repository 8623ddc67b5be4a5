"""jReject's ``reject`` option, with the jQuery plugin's meaning, as a policy.

The plugin (TurnWheel/jReject 1.1) rejected a browser when any of these held, in
this order: ``all``; the browser's name set to ``true`` or to a number the
version is at or below; ``<name><major>`` (``firefox3``); the rendering engine set
to ``true`` or a version it is at or below; the platform set. ``false`` never
rejects anything, it only documents. Its default was ``{msie: 6}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from jreject.detect.client import Client
from jreject.errors import PolicyValueError
from jreject.policy._names import (
    canonical_browser,
    known_browsers,
    known_oses,
    suggest,
)
from jreject.policy._versions import is_zero, parse_version, version_text
from jreject.policy.base import Action, Verdict, allow, reject

__all__ = [
    "ENGINE_KEYS",
    "JREJECT_DEFAULT",
    "PLATFORM_KEYS",
    "RejectRules",
]

#: jReject's default ``reject`` option: Internet Explorer 6 and older.
JREJECT_DEFAULT: Mapping[str, bool | int] = {"msie": 6}

#: Engine keys → ``Client.engine``. ``khtml`` is not here: detection reports no such engine.
ENGINE_KEYS: Mapping[str, str] = {
    name: name for name in ("trident", "gecko", "webkit", "presto", "blink", "edgehtml")
}

#: Platform keys (jReject's ``$.os.name`` values, then our OS ids) → ``Client.os`` values.
#: ``android`` and ``kaios`` mean the platform, as in jReject; the Android stock browser
#: is still reachable through ``android4 = true`` style keys.
PLATFORM_KEYS: Mapping[str, frozenset[str]] = {
    "win": frozenset({"windows"}),
    "mac": frozenset({"macos"}),
    "linux": frozenset({"linux"}),
    "iphone": frozenset({"ios"}),
    "ipad": frozenset({"ipados"}),
    "android": frozenset({"android"}),
    "kaios": frozenset({"kaios"}),
    "windows": frozenset({"windows"}),
    "macos": frozenset({"macos"}),
    "ios": frozenset({"ios"}),
    "ipados": frozenset({"ipados"}),
    "chromeos": frozenset({"chromeos"}),
}

_BROWSER_MAJOR = re.compile(r"([a-z_]+?)(\d+)")

RuleValue = bool | int | float | str


@dataclass(frozen=True, slots=True)
class _Limit:
    """``True`` (every version) or the newest version still rejected."""

    key: str
    target: str
    #: Compared to as many parts as it has: ``6`` covers 6.0 and 6.1, ``"15.6"`` 15.6.1.
    upto: tuple[int, ...] | None


@dataclass(frozen=True, slots=True)
class RejectRules:
    """Reject browsers with jReject's ``reject`` keys, e.g. ``RejectRules({"msie": 8})``.

    Keys: ``all``; a browser (jReject's ``msie`` and ``konqueror`` or a canonical id)
    with ``True`` or a version; ``<browser><major>`` with ``True``; an engine
    (``trident``, ``gecko``, ``webkit``, ``presto``, ``blink``, ``edgehtml``) with
    ``True`` or a version; a platform (``win``, ``mac``, ``linux``, ``iphone``,
    ``ipad``, ``android`` … or any OS id of the catalog) with ``True``; ``unknown``
    for a browser or OS detection could not name. A version limit covers its patch
    releases: ``8`` rejects every 8.x, ``"15.6"`` (or ``15.6``) 15.6.1 too but not 15.7.
    Unknown keys and values raise :class:`ValueError` here, not per request.
    """

    rules: Mapping[str, RuleValue] = field(default_factory=lambda: dict(JREJECT_DEFAULT))
    action: Action = "modal"
    _all: bool = field(init=False, repr=False, compare=False)
    _unknown: bool = field(init=False, repr=False, compare=False)
    _browsers: dict[str, _Limit] = field(init=False, repr=False, compare=False)
    _majors: dict[tuple[str, int], str] = field(init=False, repr=False, compare=False)
    _engines: dict[str, _Limit] = field(init=False, repr=False, compare=False)
    _platforms: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.action == "allow":
            raise PolicyValueError("action", "a rejecting rule needs modal, banner, block or log")
        table = _Table()
        for key, value in self.rules.items():
            _compile(str(key), value, table)
        object.__setattr__(self, "_all", table.all)
        object.__setattr__(self, "_unknown", table.unknown)
        object.__setattr__(self, "_browsers", table.browsers)
        object.__setattr__(self, "_majors", table.majors)
        object.__setattr__(self, "_engines", table.engines)
        object.__setattr__(self, "_platforms", table.platforms)

    def __call__(self, client: Client, /) -> Verdict:
        if self._all:
            return reject(
                client, self.action, "all", f"{client.label} is rejected: every browser is"
            )
        limit = self._browsers.get(client.browser)
        if limit is not None and _within(client.version, limit):
            return reject(client, self.action, _rule_id(limit), _reason(client.label, limit))
        if client.version:
            key = self._majors.get((client.browser, client.version[0]))
            if key is not None:
                return reject(client, self.action, key, f"{client.label} is rejected ({key})")
        limit = self._engines.get(client.engine)
        if limit is not None and _within(client.engine_version, limit):
            return reject(
                client,
                self.action,
                "engine:" + _rule_id(limit),
                f"{client.label} uses the {client.engine} engine"
                + ("" if limit.upto is None else f" {version_text(limit.upto)} or older")
                + ", which is rejected",
            )
        key = self._platforms.get(client.os)
        if key is not None:
            return reject(
                client,
                self.action,
                "platform:" + key,
                f"{client.label} on {client.os_name} is rejected ({key})",
            )
        if self._unknown and "unknown" in (client.browser, client.os):
            what = "browser" if client.browser == "unknown" else "operating system"
            return reject(
                client, self.action, "unknown", f"an unrecognised {what} is rejected (unknown)"
            )
        return allow(client)


@dataclass(slots=True)
class _Table:
    """The rules sorted by what they look at, built once."""

    all: bool = False
    unknown: bool = False
    browsers: dict[str, _Limit] = field(default_factory=dict)
    majors: dict[tuple[str, int], str] = field(default_factory=dict)
    engines: dict[str, _Limit] = field(default_factory=dict)
    platforms: dict[str, str] = field(default_factory=dict)
    #: What each key written names (``"ie"``, ``"ie 8"``, ``"windows"``) → that key.
    named: dict[str, str] = field(default_factory=dict)

    def claim(self, key: str, *targets: str) -> None:
        """Two keys for one thing (``msie`` and ``ie``, ``win`` and ``windows``) would
        leave one of them silently unused: refuse the second."""
        for target in targets:
            if target in self.named:
                raise PolicyValueError(
                    key, f"{self.named[target]!r} and {key!r} both name {target}; keep one"
                )
            self.named[target] = key


def _compile(key: str, value: object, table: _Table) -> None:
    name = key.strip().lower()
    if not isinstance(value, bool | int | float | str):
        raise PolicyValueError(key, f"expected true, false or a version, got {value!r}")
    if name == "all":
        table.claim(key, name)
        table.all = _flag(key, value)
    elif name == "unknown":
        table.claim(key, name)
        table.unknown = _flag(key, value)
    elif name in PLATFORM_KEYS or name in known_oses():
        oses = PLATFORM_KEYS.get(name, frozenset({name}))
        table.claim(key, *sorted(oses))
        if _flag(key, value):
            table.platforms.update(dict.fromkeys(oses, key))
    elif name in ENGINE_KEYS:
        table.claim(key, ENGINE_KEYS[name])
        limit = _limit(key, ENGINE_KEYS[name], value)
        if limit is not None:
            table.engines[limit.target] = limit
    elif (match := _BROWSER_MAJOR.fullmatch(name)) is not None:
        browser = _browser(key, match.group(1))
        major = int(match.group(2))
        table.claim(key, f"{browser} {major}")
        if _flag(key, value):
            table.majors[(browser, major)] = key
    else:
        browser = _browser(key, name)
        table.claim(key, browser)
        limit = _limit(key, browser, value)
        if limit is not None:
            table.browsers[limit.target] = limit


def _browser(key: str, name: str) -> str:
    try:
        return canonical_browser(name)
    except ValueError:
        choices = (
            set(known_browsers()) | {"msie", "all"} | ENGINE_KEYS.keys() | PLATFORM_KEYS.keys()
        )
        raise PolicyValueError(
            key,
            f"unknown browser, engine or platform {key!r}{suggest(key, choices)}",
        ) from None


def _flag(key: str, value: object) -> bool:
    if not isinstance(value, bool):
        raise PolicyValueError(key, f"expected true or false, got {value!r}")
    return value


def _limit(key: str, target: str, value: object) -> _Limit | None:
    if value is False:
        return None
    if value is True:
        return _Limit(key, target, None)
    try:
        upto = parse_version(value)
    except ValueError:
        raise PolicyValueError(
            key, f'expected true, false or a version such as 6 or "15.6", got {value!r}'
        ) from None
    if is_zero(upto):
        raise PolicyValueError(
            key,
            f"a limit of 0 rejects no version: write true to reject every version of {key}, "
            "or leave it out",
        )
    return _Limit(key, target, upto)


def _within(version: tuple[int, ...], limit: _Limit) -> bool:
    if limit.upto is None:
        return True
    if not version:
        # jReject compared parseFloat('') <= n, which is false: an unknown version passes.
        return False
    # Only as many parts as the limit has: a limit names a release and its patches, as
    # jReject's parseFloat("15.6.1") <= 15.6 did (and `msie = 8` covers 8.x).
    width = len(limit.upto)
    return (version + (0,) * width)[:width] <= limit.upto


def _rule_id(limit: _Limit) -> str:
    return limit.key if limit.upto is None else f"{limit.key}<={version_text(limit.upto)}"


def _reason(label: str, limit: _Limit) -> str:
    if limit.upto is None:
        return f"{label} is rejected ({limit.key})"
    return f"{label} is at or below version {version_text(limit.upto)} ({_rule_id(limit)})"
