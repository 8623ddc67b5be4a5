"""Policies from a browserslist query or from required caniuse features.

``Browserslist("defaults")`` rejects a client whose caniuse agent/version the query does
not cover (see :mod:`jreject.browserslist.match` for how versions meet the selection).
``RequireFeatures(["css-grid", "es6-module"])`` rejects one whose version lacks any of the
features, and says which. Both resolve and compile at construction, so a bad query or
feature fails at startup and a request costs a dict lookup.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.match import Coverage, MatchOptions
from jreject.browserslist.resolve import Options, browserslist
from jreject.data import load_features
from jreject.detect.client import Client, format_version
from jreject.errors import PolicyValueError
from jreject.policy.base import Action, Verdict, allow, reject

__all__ = ["Browserslist", "RequireFeatures", "browserslist_tier", "require_tier"]

Unknown = Literal["allow", "reject"]
_IOS = "ios_saf"
_CHROME = "chrome"


def _label(client: Client) -> str:
    # Browsers on iOS are judged by their WebKit (iOS) version: say so.
    if client.caniuse_agent == _IOS and client.browser != "safari" and client.caniuse_version:
        return f"{client.label} (WebKit {format_version(client.caniuse_version)})"
    return client.label


def _frozen_ios(client: Client) -> bool:
    # A reduced UA freezes the iOS version: it is a floor, never a reason to reject.
    return client.caniuse_agent == _IOS and client.os_version_frozen


def _query_text(query: str | list[str] | None) -> str:
    """The query as the rule and reasons show it."""
    if query is None:
        return "browserslist config"
    return query if isinstance(query, str) else ", ".join(query)


@dataclass(frozen=True, slots=True)
class Browserslist:
    """Reject clients the browserslist query does not cover.

    ``query`` is a query string or list; ``None`` reads the project's config
    (``.browserslistrc``, ``package.json``) from ``path`` upward, in environment ``env``.
    ``mobile_to_desktop`` (on) resolves mobile agents with their desktop versions, as
    browserslist's option does, so Chrome for Android 120 is judged like Chrome 120.
    ``unknown`` says what happens to a client without a caniuse agent or version.
    """

    query: str | Sequence[str] | None = "defaults"
    action: Action = "modal"
    path: str | None = None
    env: str | None = None
    allow_higher_versions: bool = True
    ignore_minor: bool = False
    ignore_patch: bool = True
    mobile_to_desktop: bool = True
    unknown: Unknown = "allow"
    coverage: Coverage = field(init=False, repr=False, compare=False)
    rule: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.action == "allow":
            raise ValueError("action: a rejecting policy needs modal, banner, block or log")
        if self.unknown not in ("allow", "reject"):
            raise ValueError(f"unknown: expected 'allow' or 'reject', got {self.unknown!r}")
        query = self.query if isinstance(self.query, str | None) else list(self.query)
        opts = Options(mobile_to_desktop=self.mobile_to_desktop, path=self.path, env=self.env)
        selected = browserslist(query, opts)
        text = _query_text(query)
        if not selected:
            # browserslist answers [] without complaint; here [] would reject every browser.
            shown = "the project's browserslist config" if query is None else f"`{text}`"
            shown = shown if text.strip() else "an empty query"
            raise ValueError(
                f"{shown} selects no browser, so every browser would be rejected "
                "(`jreject query` shows what a query selects)"
            )
        options = MatchOptions(self.allow_higher_versions, self.ignore_minor, self.ignore_patch)
        coverage = Coverage(selected, options, mobile_to_desktop=self.mobile_to_desktop)
        object.__setattr__(self, "coverage", coverage)
        object.__setattr__(self, "rule", f"browserslist: {text}")

    def __call__(self, client: Client, /) -> Verdict:
        covered = self.coverage.covers(client.caniuse_agent, client.caniuse_version)
        if covered:
            return allow(client)
        if covered is None:
            if self.unknown == "allow":
                return allow(client, f"{client.label}: not in caniuse data, not judged")
            return reject(client, self.action, self.rule, f"{client.label} is not in caniuse data")
        if _frozen_ios(client):
            return allow(client, f"{client.label}: iOS version is frozen, not judged")
        return reject(
            client, self.action, self.rule, f"{_label(client)} is not covered by `{self.rule[14:]}`"
        )


@dataclass(frozen=True, slots=True)
class RequireFeatures:
    """Reject clients whose version lacks any of the caniuse ``features``.

    Full support is required unless ``partial`` is true. A version newer than any in the
    data counts as supporting a feature its browser's newest versions support.
    """

    features: Sequence[str]
    action: Action = "modal"
    partial: bool = False
    mobile_to_desktop: bool = True
    unknown: Unknown = "allow"
    coverages: tuple[tuple[str, Coverage], ...] = field(init=False, repr=False, compare=False)
    rule: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.action == "allow":
            raise ValueError("action: a rejecting policy needs modal, banner, block or log")
        if isinstance(self.features, str) or not self.features:
            raise ValueError(f"features: expected a list of caniuse ids, got {self.features!r}")
        prefix = "supports" if self.partial else "fully supports"
        opts = Options(mobile_to_desktop=self.mobile_to_desktop)
        compiled = []
        for index, feature in enumerate(self.features):
            try:
                selected = browserslist(f"{prefix} {feature}", opts)
            except BrowserslistError as exc:
                close = difflib.get_close_matches(feature, load_features(), n=1)
                hint = f" Did you mean {close[0]}?" if close else ""
                # The feature's own key, so a config error points at it, not at the list.
                raise PolicyValueError(f"features[{index}]", f"{exc.reason}{hint}") from None
            coverage = Coverage(selected, mobile_to_desktop=self.mobile_to_desktop)
            compiled.append((feature, coverage))
        object.__setattr__(self, "coverages", tuple(compiled))
        object.__setattr__(self, "rule", "require: " + ", ".join(self.features))

    def missing(self, client: Client) -> list[str] | None:
        """The features the client lacks, or None when its agent/version is unknown."""
        return self._missing(client)[0]

    def _missing(self, client: Client) -> tuple[list[str] | None, bool]:
        """The features lacking, and whether the Chromium version was judged instead."""
        lacking = []
        by_chromium = False
        for feature, coverage in self.coverages:
            covered = coverage.covers(client.caniuse_agent, client.caniuse_version)
            if covered is False and coverage.skipped(client.caniuse_agent, client.caniuse_version):
                # caniuse has no entry for this version (it keeps only UC Browser's newest):
                # its engine is the evidence there is, else it is unknown.
                covered = (
                    coverage.covers(_CHROME, client.chromium_version)
                    if client.chromium_version
                    else None
                )
                by_chromium = covered is not None
            if covered is None:
                return None, False
            if not covered:
                lacking.append(feature)
        return lacking, by_chromium

    def __call__(self, client: Client, /) -> Verdict:
        lacking, by_chromium = self._missing(client)
        if lacking is None:
            if self.unknown == "allow":
                return allow(client, f"{client.label}: not in caniuse data, not judged")
            return reject(client, self.action, self.rule, f"{client.label} is not in caniuse data")
        if not lacking:
            return allow(client)
        if _frozen_ios(client):
            return allow(client, f"{client.label}: iOS version is frozen, not judged")
        label = _label(client)
        if by_chromium:
            label += f" (Chromium {format_version(client.chromium_version[:1])})"
        return reject(client, self.action, self.rule, f"{label} lacks {', '.join(lacking)}")


_POLICY_KEYS = (
    "query",
    "path",
    "env",
    "allow_higher_versions",
    "ignore_minor",
    "ignore_patch",
    "mobile_to_desktop",
    "unknown",
)
_REQUIRE_KEYS = ("features", "partial", "mobile_to_desktop", "unknown")
_FLAGS = frozenset({"allow_higher_versions", "ignore_minor", "ignore_patch", "mobile_to_desktop"})


def browserslist_tier(value: Any, tier: Mapping[str, Any], action: Action) -> Browserslist:
    """``browserslist = "defaults"`` or ``browserslist = { query = …, path = …, env = … }``
    in a ``[[policy]]`` tier (for :func:`jreject.config.register_tier_kind`).

    Raises :class:`PolicyValueError` naming the key inside the tier's value.
    """
    if isinstance(value, str | list):
        return Browserslist(_query("", value), action)
    if not isinstance(value, Mapping):
        raise PolicyValueError(
            "", f"expected a query string, a list of them or a table, got {value!r}"
        )
    settings = {key: _browserslist_option(str(key), option) for key, option in value.items()}
    if "path" in settings and "query" not in settings:
        settings["query"] = None
    return Browserslist(action=action, **settings)


def _browserslist_option(key: str, value: object) -> Any:
    """One option of ``browserslist = { … }``, checked: TOML gives any type anywhere."""
    if key == "query":
        return _query(key, value)
    if key in ("path", "env"):
        if not isinstance(value, str) or not value:
            raise PolicyValueError(key, f"expected a non-empty string, got {value!r}")
        return value
    if key in _FLAGS:
        return _flag(key, value)
    if key == "unknown":
        return _unknown(value)
    raise PolicyValueError(key, f"unknown key {key!r}: expected one of {', '.join(_POLICY_KEYS)}")


def _query(key: str, value: object) -> str | list[str]:
    if not isinstance(value, str | list):
        raise PolicyValueError(key, f"expected a query string or a list of them, got {value!r}")
    items = [value] if isinstance(value, str) else value
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise PolicyValueError(f"{key}[{index}]", f"expected a query string, got {item!r}")
    if not any(item.strip() for item in items):
        # An empty query selects nothing, and a policy that covers nothing rejects everyone.
        raise PolicyValueError(key, f'expected a query such as "defaults", got {value!r}')
    return value


def _flag(key: str, value: object) -> bool:
    # A string such as "no" is truthy: only a real boolean says what was meant.
    if not isinstance(value, bool):
        raise PolicyValueError(key, f"expected true or false, got {value!r}")
    return value


def _unknown(value: object) -> Unknown:
    if value in ("allow", "reject"):
        return value
    raise PolicyValueError("unknown", f"expected 'allow' or 'reject', got {value!r}")


def require_tier(value: Any, tier: Mapping[str, Any], action: Action) -> RequireFeatures:
    """``require = ["css-grid", "fetch"]`` or ``require = { features = […], partial = true }``.

    Raises :class:`PolicyValueError` naming the key inside the tier's value.
    """
    if isinstance(value, list):
        try:
            return RequireFeatures(_features("", value), action)
        except PolicyValueError as error:
            # `require = [...]` is the list itself: `require[1]`, not `require.features[1]`.
            raise PolicyValueError(error.key.removeprefix("features"), error.detail) from None
    if not isinstance(value, Mapping) or "features" not in value:
        raise PolicyValueError(
            "", f"expected a list of caniuse feature ids or a table with features, got {value!r}"
        )
    for key in value:
        if key not in _REQUIRE_KEYS:
            raise PolicyValueError(
                str(key), f"unknown key {key!r}: expected one of {', '.join(_REQUIRE_KEYS)}"
            )
    return RequireFeatures(
        _features("features", value["features"]),
        action,
        partial=_flag("partial", value.get("partial", False)),
        mobile_to_desktop=_flag("mobile_to_desktop", value.get("mobile_to_desktop", True)),
        unknown=_unknown(value.get("unknown", "allow")),
    )


def _features(key: str, value: object) -> tuple[str, ...]:
    # A bare string would be read one character at a time ("Unknown feature name `c`").
    if not isinstance(value, list):
        raise PolicyValueError(key, f"expected a list of caniuse feature ids, got {value!r}")
    if not value:
        raise PolicyValueError(key, "expected at least one caniuse feature id, got []")
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item:
            raise PolicyValueError(
                f"{key}[{index}]", f"expected a caniuse feature id, got {item!r}"
            )
    return tuple(value)
