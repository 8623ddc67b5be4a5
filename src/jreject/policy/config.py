"""``jreject.toml``, ``[tool.jreject]`` in ``pyproject.toml`` or a settings dict → :class:`Config`.

Validated once, when loaded: a request never re-reads configuration. Every error
is a :class:`ConfigError` naming the file, the line, the key, what was expected
and what was given, e.g.
``jreject.toml:7: policy[0].minimum.safarii: unknown browser 'safarii' (did you mean 'safari'?)``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jreject.detect.bots import compile_bot_pattern
from jreject.policy._locate import KeyPath, format_key, locate
from jreject.policy._names import PolicyValueError, suggest
from jreject.policy.base import REJECT_ACTIONS, Action, FirstMatch, Policy
from jreject.policy.bots import BotSetting, check_bots
from jreject.policy.tiers import TIER_KEYS, TIER_KINDS, TierBuilder, register_tier_kind

__all__ = [
    "CONFIG_FILES",
    "TIER_KINDS",
    "TOP_LEVEL_KEYS",
    "Config",
    "ConfigError",
    "TierBuilder",
    "config_from_dict",
    "default_config",
    "find_config",
    "load_config",
    "register_tier_kind",
]

#: Searched in each directory, in this order, from the start directory upward.
CONFIG_FILES: tuple[str, ...] = ("jreject.toml", "pyproject.toml")
TOP_LEVEL_KEYS: tuple[str, ...] = ("bots", "bot_patterns", "policy", "notice", "middleware")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


class ConfigError(ValueError):
    """A configuration mistake: ``path`` (file or source), ``line`` and ``key`` say where.

    ``str(error)`` is the whole message for a person; the CLI prints it and exits 2.
    """

    def __init__(
        self, message: str, *, path: str | None = None, line: int | None = None, key: str = ""
    ) -> None:
        self.path = path
        self.line = line
        self.key = key
        self.message = message
        where = path or ""
        if where and line is not None:
            where += f":{line}"
        prefix = ": ".join(part for part in (where, key) if part)
        super().__init__(f"{prefix}: {message}" if prefix else message)


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a configuration file says, validated.

    ``policy`` is ready to call (tiers in a :class:`FirstMatch`). ``notice`` and
    ``middleware`` are the raw sub-tables: their owners validate them.
    """

    policy: Policy
    bots: BotSetting = "allow"
    bot_patterns: tuple[str, ...] = ()
    notice: dict[str, Any] = field(default_factory=dict)
    middleware: dict[str, Any] = field(default_factory=dict)
    path: str | None = None


def default_config() -> Config:
    """No configuration: the recommended policy (:mod:`jreject.policy.recommended`).

    Every Internet Explorer and the legacy EdgeHTML Edge get the modal, anything more
    than a year of releases behind gets the banner, and no one is blocked.
    """
    return Config(_recommended_policy())


def _recommended_policy() -> Policy:
    from jreject.policy.recommended import recommended_settings

    return _build(recommended_settings(), source="recommended policy", text=None, prefix=()).policy


def find_config(start_dir: str | Path | None = None) -> Path | None:
    """The nearest ``jreject.toml``, or ``pyproject.toml`` with ``[tool.jreject]``, upward."""
    directory = Path(start_dir if start_dir is not None else Path.cwd()).resolve()
    for folder in (directory, *directory.parents):
        for name in CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def load_config(path: str | Path) -> Config:
    """Read and validate a ``jreject.toml`` or a ``pyproject.toml``'s ``[tool.jreject]``."""
    path = Path(path)
    name = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"cannot read the file: {error}", path=name) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_POSITION.search(str(error))
        raise ConfigError(
            f"not valid TOML: {error}",
            path=name,
            line=int(found.group(1)) if found else getattr(error, "lineno", None),
        ) from None
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        table = document.get("tool", {}).get("jreject")
        if not isinstance(table, dict):
            raise ConfigError("no [tool.jreject] table", path=name)
        document, prefix = table, ("tool", "jreject")
    return _build(document, source=name, text=text, prefix=prefix)


def config_from_dict(settings: Mapping[str, Any], *, source: str | None = None) -> Config:
    """Validate settings given as a dict (Django's ``JREJECT``, Flask's config …)."""
    return _build(settings, source=source, text=None, prefix=())


@dataclass(frozen=True, slots=True)
class _Where:
    """Where the settings came from, to turn a key path into a full error."""

    source: str | None
    text: str | None
    prefix: tuple[str, ...]

    def error(self, path: KeyPath, message: str) -> ConfigError:
        full = (*self.prefix, *path)
        line = locate(self.text, full) if self.text is not None else None
        return ConfigError(message, path=self.source, line=line, key=format_key(full))


def _build(
    settings: Mapping[str, Any], *, source: str | None, text: str | None, prefix: tuple[str, ...]
) -> Config:
    where = _Where(source, text, prefix)
    if not isinstance(settings, Mapping):
        raise where.error((), f"expected a table of settings, got {settings!r}")
    for key in settings:
        if key not in TOP_LEVEL_KEYS:
            raise where.error(
                (str(key),), f"unknown key {key!r}{suggest(str(key), TOP_LEVEL_KEYS)}"
            )
    try:
        bots = check_bots(settings.get("bots", "allow"))
    except ValueError as exc:
        raise where.error(("bots",), str(exc)) from None
    patterns = settings.get("bot_patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise where.error(
            ("bot_patterns",), f"expected a list of non-empty strings, got {patterns!r}"
        )
    for index, pattern in enumerate(patterns):
        try:
            compile_bot_pattern(pattern)
        except ValueError as error:
            raise where.error(("bot_patterns", index), str(error)) from None
    notice = _table(where, settings, "notice")
    middleware = _table(where, settings, "middleware")
    if "policy" in settings:
        tiers = settings["policy"]
        if isinstance(tiers, Mapping):
            tiers = [tiers]  # `[policy]` where `[[policy]]` was meant: one tier is still clear
        if not isinstance(tiers, list):
            raise where.error(("policy",), f"expected [[policy]] tables, got {tiers!r}")
        policies = [_tier(where, index, tier) for index, tier in enumerate(tiers)]
        policy: Policy = policies[0] if len(policies) == 1 else FirstMatch(tuple(policies))
    else:
        policy = _recommended_policy()
    return Config(policy, bots, tuple(patterns), notice, middleware, source)


def _table(where: _Where, settings: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = settings.get(key, {})
    if not isinstance(value, Mapping):
        raise where.error((key,), f"expected a table, got {value!r}")
    return dict(value)


def _tier(where: _Where, index: int, tier: object) -> Policy:
    path: tuple[str | int, ...] = ("policy", index)
    if not isinstance(tier, Mapping):
        raise where.error(path, f"expected a table, got {tier!r}")
    known = (*TIER_KEYS, *TIER_KINDS)
    for key in tier:
        if key not in known:
            raise where.error((*path, str(key)), f"unknown key {key!r}{suggest(str(key), known)}")
    action = tier.get("action", "modal")
    if action not in REJECT_ACTIONS:
        raise where.error(
            (*path, "action"), f"expected one of {_choices(REJECT_ACTIONS)}, got {action!r}"
        )
    kinds = [kind for kind in TIER_KINDS if kind in tier]
    if not kinds:
        raise where.error(path, f"expected one of {_choices(TIER_KINDS)} in each [[policy]]")
    if len(kinds) > 1 and set(kinds) != {"allow_only", "minimum"}:
        raise where.error(
            (*path, kinds[1]),
            f"one kind per [[policy]] (only allow_only may go with minimum), got {_choices(kinds)}",
        )
    if len(kinds) > 1:
        # Validate the minimum on its own first, so its errors name `minimum`, not `allow_only`.
        _run_kind(where, path, "minimum", tier, action)
        kinds = ["allow_only"]
    return _run_kind(where, path, kinds[0], tier, action)


def _run_kind(
    where: _Where, path: tuple[str | int, ...], kind: str, tier: Mapping[str, Any], action: Action
) -> Policy:
    try:
        return TIER_KINDS[kind](tier[kind], tier, action)
    except PolicyValueError as error:
        key = [part for part in re.split(r"[.\[\]]+", error.key) if part]
        parts: list[str | int] = [int(p) if p.isdigit() else p for p in key]
        raise where.error((*path, kind, *parts), error.detail) from None
    except ValueError as error:
        raise where.error((*path, kind), str(error)) from None


def _choices(values: Sequence[str] | Mapping[str, Any]) -> str:
    return ", ".join(repr(v) for v in values)


def _has_tool_table(path: Path) -> bool:
    try:
        document = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    tool = document.get("tool")
    return isinstance(tool, dict) and isinstance(tool.get("jreject"), dict)
