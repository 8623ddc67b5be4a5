"""The kinds a ``[[policy]]`` tier may be, each built from its TOML value.

:mod:`jreject.config` looks kinds up in :data:`TIER_KINDS`. Every kind jreject
ships is listed at the bottom of this module, ``browserslist`` and ``require`` too
(their policies are in :mod:`jreject.policy.browserslist`, over the query engine
:mod:`jreject.browserslist`); :func:`register_tier_kind` is for kinds of your own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from jreject.errors import PolicyValueError
from jreject.policy._names import canonical_browser, suggest
from jreject.policy.allow import AllowOnly
from jreject.policy.base import Action, Policy
from jreject.policy.minimum import PRESETS, Minimum
from jreject.policy.relative import Relative
from jreject.policy.rules import RejectRules

__all__ = ["TIER_KEYS", "TIER_KINDS", "TierBuilder", "register_tier_kind"]

#: Keys every tier may have besides its kind.
TIER_KEYS: tuple[str, ...] = ("action",)

#: Builds a tier's policy from its kind's value, the whole tier table and its action.
TierBuilder = Callable[[Any, Mapping[str, Any], Action], Policy]

#: Tier kinds by key: jreject's own (registered below) and any from :func:`register_tier_kind`.
TIER_KINDS: dict[str, TierBuilder] = {}


def register_tier_kind(name: str, builder: TierBuilder) -> None:
    """Let ``[[policy]]`` tiers say ``name = …``; ``builder`` raises ``ValueError`` on bad input."""
    if name in TIER_KINDS or name in TIER_KEYS:
        raise ValueError(f"tier kind {name!r} is already defined")
    TIER_KINDS[name] = builder


def _mapping(kind: str, value: object) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PolicyValueError("", f"expected a table such as {kind} = {{ … }}, got {value!r}")
    return value


def _reject_tier(value: object, tier: Mapping[str, Any], action: Action) -> Policy:
    return RejectRules(dict(_mapping("reject", value)), action)


#: The keys of a ``minimum`` table that are options, not browsers.
_MINIMUM_OPTIONS = ("preset", "chromium_fallback")


def _minimum_tier(value: object, tier: Mapping[str, Any], action: Action) -> Policy:
    versions = dict(_mapping("minimum", value))
    for key in versions:
        # A misspelt option would only be told it is no browser: name the option meant.
        hint = suggest(str(key), _MINIMUM_OPTIONS) if key not in _MINIMUM_OPTIONS else ""
        if hint and not _is_browser(str(key)):
            raise PolicyValueError(str(key), f"unknown browser or option {key!r}{hint}")
    preset = versions.pop("preset", None)
    # On for presets (as Minimum.preset), off for a hand-written table.
    fallback = versions.pop("chromium_fallback", preset is not None)
    if not isinstance(fallback, bool):
        raise PolicyValueError("chromium_fallback", f"expected true or false, got {fallback!r}")
    if preset is not None:
        if not isinstance(preset, str) or preset not in PRESETS:
            raise PolicyValueError(
                "preset", f"unknown preset {preset!r}{suggest(str(preset), PRESETS)}"
            )
        versions = {**PRESETS[preset], **versions}
    if not versions:
        raise PolicyValueError(
            "", "expected browser = version entries or a preset: an empty minimum judges no browser"
        )
    return Minimum(versions, action, fallback)


def _is_browser(name: str) -> bool:
    try:
        canonical_browser(name)
    except ValueError:
        return False
    return True


def _relative_tier(value: object, tier: Mapping[str, Any], action: Action) -> Policy:
    settings = dict(_mapping("relative", value))
    for key in settings:
        if key != "latest_minus":
            raise PolicyValueError(key, f"unknown key {key!r}: expected latest_minus")
    return Relative(settings.get("latest_minus", 2), action)


def _allow_only_tier(value: object, tier: Mapping[str, Any], action: Action) -> Policy:
    if not isinstance(value, list):
        raise PolicyValueError("", f"expected a list of browsers, got {value!r}")
    minimum = _minimum_tier(tier["minimum"], tier, action) if "minimum" in tier else None
    return AllowOnly(value, action, minimum)


def _browserslist_tier(value: object, tier: Mapping[str, Any], action: Action) -> Policy:
    # Imported when used: the query engine and its data load only for configs that ask.
    from jreject.policy.browserslist import browserslist_tier

    return browserslist_tier(value, tier, action)


def _require_tier(value: object, tier: Mapping[str, Any], action: Action) -> Policy:
    from jreject.policy.browserslist import require_tier

    return require_tier(value, tier, action)


TIER_KINDS.update(
    reject=_reject_tier,
    minimum=_minimum_tier,
    relative=_relative_tier,
    allow_only=_allow_only_tier,
    browserslist=_browserslist_tier,
    require=_require_tier,
)
