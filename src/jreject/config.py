"""``jreject.toml``, ``[tool.jreject]`` in ``pyproject.toml`` or a settings dict → :class:`Config`.

Validated once, when loaded: a request never re-reads configuration. Every error
is a :class:`ConfigError` naming the file, the line, the key, what was expected
and what was given, e.g.
``jreject.toml:7: policy[0].minimum.safarii: unknown browser 'safarii' (did you mean 'safari'?)``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from jreject.data import DataError
from jreject.detect.detector import Detector
from jreject.errors import ConfigError, PolicyValueError, SettingError
from jreject.policy._locate import KeyPath, format_key, locate
from jreject.policy._names import suggest
from jreject.policy.base import REJECT_ACTIONS, Action, FirstMatch, Policy
from jreject.policy.bots import BotSetting, check_bots
from jreject.policy.tiers import TIER_KEYS, TIER_KINDS, TierBuilder, register_tier_kind
from jreject.settings import OptionError, Settings

if TYPE_CHECKING:
    from jreject.notice import Notice

__all__ = [
    "CONFIG_FILES",
    "TIER_KINDS",
    "TOP_LEVEL_KEYS",
    "Config",
    "ConfigError",
    "ConfigSource",
    "TierBuilder",
    "compile_tier",
    "config_from_dict",
    "default_config",
    "find_config",
    "framework_source",
    "load_config",
    "load_source",
    "read_settings",
    "register_tier_kind",
]

#: Searched in each directory, in this order, from the start directory upward.
CONFIG_FILES: tuple[str, ...] = ("jreject.toml", "pyproject.toml")
TOP_LEVEL_KEYS: tuple[str, ...] = ("bots", "bot_patterns", "policy", "notice", "middleware")
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")


@dataclass(frozen=True, slots=True)
class Config:
    """Everything a configuration file says, validated once, when loaded, as typed values.

    ``policy`` is ready to call (tiers in a :class:`FirstMatch`); ``settings`` are the
    ``[middleware]`` table as :class:`~jreject.settings.Settings`; ``notice`` is the
    :class:`jreject.notice.Notice` built from the ``[notice]`` table (its static files
    under ``settings.prefix``) and ``detector`` the :class:`~jreject.detect.Detector`
    with ``bot_patterns``, each built once, here, so start-up builds neither again
    (``None``: the defaults, as in a Config built by hand). :meth:`notice_with` builds
    the notice again with other options over the configured ones.
    """

    policy: Policy
    bots: BotSetting = "allow"
    bot_patterns: tuple[str, ...] = ()
    path: str | None = None
    settings: Settings = field(default_factory=Settings)
    notice: Notice | None = field(default=None, compare=False, repr=False)
    detector: Detector | None = field(default=None, compare=False, repr=False)
    #: The validated ``[notice]`` options, only for :meth:`notice_with`.
    notice_options: Mapping[str, Any] = field(
        default_factory=lambda: MappingProxyType({}), compare=False, repr=False
    )

    def notice_with(
        self, options: Mapping[str, Any] = MappingProxyType({}), /, **defaults: Any
    ) -> Notice:
        """A new :class:`jreject.notice.Notice`: ``options`` over the configured ones,
        over ``defaults`` (``static_url`` defaults to the one under ``settings.prefix``).

        For what one notice cannot serve: a middleware whose own ``prefix`` option moves
        the static files, a page that must carry its assets inline (``jreject preview``).
        """
        from jreject.notice import Notice

        defaults.setdefault("static_url", self.settings.prefix + "/static/")
        return Notice.from_config({**defaults, **self.notice_options, **options})


@dataclass(frozen=True, slots=True)
class ConfigSource:
    """Where the configuration comes from: a mapping (framework setting), a file, or a search.

    ``label`` names it in messages (``"settings.JREJECT"``, ``"app.config['JREJECT']"``).
    With neither ``mapping`` nor ``path``, ``search_from`` is searched upward for
    ``jreject.toml`` / ``pyproject.toml``; ``search_from=None`` then means the defaults.
    """

    mapping: Mapping[str, Any] | None = None
    path: Path | None = None
    search_from: Path | None = None
    label: str = ""


def framework_source(
    mapping: object, path: object, *, shown: Callable[[str], str] | None = None
) -> ConfigSource:
    """The one reader of a framework's two settings, ``JREJECT`` (a dict with the keys of
    ``jreject.toml``) and ``JREJECT_CONFIG`` (a file path), for Django, Flask and Starlette.

    ``shown`` spells a setting's name as the framework's users write it
    (``settings.JREJECT``, ``app.config['JREJECT']``). Raises :class:`SettingError`.
    """
    show = shown or (lambda name: f"settings.{name}")
    if mapping is not None and path is not None:
        raise SettingError(
            "JREJECT_CONFIG",
            f"is set together with {show('JREJECT')}; keep one",
            shown=show("JREJECT_CONFIG"),
        )
    if mapping is not None:
        if not isinstance(mapping, Mapping):
            raise SettingError(
                "JREJECT",
                f"must be a dict with the keys of jreject.toml, not {type(mapping).__name__}",
                shown=show("JREJECT"),
            )
        return ConfigSource(mapping=mapping, label=show("JREJECT"))
    if path is not None:
        if not isinstance(path, str | PathLike) or not str(path):
            raise SettingError(
                "JREJECT_CONFIG", f"must be a file path, not {path!r}", shown=show("JREJECT_CONFIG")
            )
        return ConfigSource(path=Path(path), label=show("JREJECT_CONFIG"))
    return ConfigSource(label="jreject's recommended policy (no configuration)")


def load_source(source: ConfigSource) -> tuple[Config | None, str | None]:
    """The validated config from ``source`` and where it came from (``None``, ``None``: the
    defaults). Every command and framework loads configuration through here.
    """
    if source.mapping is not None:
        where: str | None = source.label or "settings"
        return config_from_dict(source.mapping, source=where), where
    found = source.path
    if found is None and source.search_from is not None:
        found = find_config(source.search_from)
    if found is None:
        return None, None
    return load_config(found), str(found)


def default_config() -> Config:
    """No configuration: the recommended policy (:mod:`jreject.policy.recommended`).

    Every Internet Explorer and the legacy EdgeHTML Edge get the modal, anything more
    than a year of releases behind gets the banner, and no one is blocked.
    """
    return Config(_recommended_policy())


def _recommended_policy() -> Policy:
    from jreject.policy.recommended import recommended_settings

    # Only its [[policy]] tiers: building a whole Config would build a notice too.
    return _policy(_Where("recommended policy", None, ()), recommended_settings()["policy"])


def find_config(start_dir: str | Path | None = None) -> Path | None:
    """The nearest ``jreject.toml``, or ``pyproject.toml`` with ``[tool.jreject]``, upward.

    Raises :class:`ConfigError` (file and line) for a ``pyproject.toml`` on the way that
    cannot be read or is not valid TOML.
    """
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
    text, table, prefix = _read_settings(path)
    return _build(table, source=str(path), text=text, prefix=prefix)


def read_settings(path: str | Path) -> dict[str, Any]:
    """The settings a file holds, as written (not validated): a ``jreject.toml``'s top
    level or a ``pyproject.toml``'s ``[tool.jreject]`` table.

    Raises :class:`ConfigError` when the file cannot be read, is not TOML, or is a
    ``pyproject.toml`` without a ``[tool.jreject]`` table.
    """
    return _read_settings(Path(path))[1]


def _read_settings(path: Path) -> tuple[str, dict[str, Any], tuple[str, ...]]:
    """The file's text, its jreject table and that table's key path in the file."""
    text, document = _read_toml(path)
    if path.name != "pyproject.toml":
        return text, document, ()
    return text, _tool_table(_Where(str(path), text, ()), document), ("tool", "jreject")


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ConfigError(f"cannot read the file: {error.strerror or error}", path=name) from None
    text = _utf8_text(data, name)
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"not valid TOML: {error}", path=name, line=_toml_error_line(error, text)
        ) from None


def _toml_error_line(error: tomllib.TOMLDecodeError, text: str) -> int | None:
    found = _TOML_POSITION.search(str(error))
    if found:
        return int(found.group(1))
    if "(at end of document)" in str(error):
        # An unclosed string or array: the document ran out on its last line.
        return max(len(text.splitlines()), 1)
    line: int | None = getattr(error, "lineno", None)
    return line


def _utf8_text(data: bytes, name: str) -> str:
    """The file's text; TOML is UTF-8, so any other encoding is named with its first bad byte."""
    try:
        # "utf-8-sig": Windows editors may start a UTF-8 file with a byte order mark,
        # which tomllib rejects as "Invalid statement (line 1, column 1)".
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        raise ConfigError(
            f"not UTF-8: byte 0x{data[error.start]:02x} at line {line}, column {column} "
            f"(byte offset {error.start}); TOML files must be saved as UTF-8",
            path=name,
            line=line,
        ) from None


def _tool_table(where: _Where, document: Mapping[str, Any]) -> dict[str, Any]:
    """A ``pyproject.toml``'s ``[tool.jreject]``: ``tool`` may be anything in bad TOML."""
    tool = document.get("tool", {})
    if not isinstance(tool, dict):
        raise where.error(
            ("tool",), f"expected a table of tools such as [tool.jreject], got {tool!r}"
        )
    table = tool.get("jreject")
    if table is None:
        raise ConfigError("no [tool.jreject] table", path=where.source)
    if not isinstance(table, dict):
        raise where.error(("tool", "jreject"), f"expected a table, got {table!r}")
    return table


def config_from_dict(settings: Mapping[str, Any], *, source: str | None = None) -> Config:
    """Validate settings given as a dict (Django's ``JREJECT``, Flask's config …)."""
    return _build(settings, source=source, text=None, prefix=())


def compile_tier(table: Mapping[str, Any], *, source: str | None = None) -> Policy:
    """One ``[[policy]]`` tier (a per-view policy) compiled alone, errors as any config's."""
    return _tier(_Where(source, None, ()), 0, table)


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
    except PolicyValueError as exc:
        raise where.error(_key_parts(exc.key), exc.detail) from None
    except ValueError as exc:
        raise where.error(("bots",), str(exc)) from None
    patterns = settings.get("bot_patterns", [])
    if not isinstance(patterns, list) or not all(isinstance(p, str) and p for p in patterns):
        raise where.error(
            ("bot_patterns",), f"expected a list of non-empty strings, got {patterns!r}"
        )
    if patterns:
        # The bot matcher's module (re2, Aho-Corasick, the bot data) loads only when
        # there are patterns to check: an everyday `jreject check` has none.
        from jreject.detect.bots import compile_bot_pattern
    for index, pattern in enumerate(patterns):
        try:
            compile_bot_pattern(pattern)
        except ValueError as error:
            raise where.error(("bot_patterns", index), str(error)) from None
    notice_options = _table(where, settings, "notice")
    typed = _middleware_settings(where, _table(where, settings, "middleware"))
    notice = _validate_notice(where, notice_options, typed.prefix)
    policy = _policy(where, settings["policy"]) if "policy" in settings else _recommended_policy()
    return Config(
        policy,
        bots,
        tuple(patterns),
        source,
        typed,
        notice,
        # Built, not warmed up: ua-parser's rules load on first use, or at warm_up()
        # by a middleware, once for every reader of this config.
        Detector(bot_patterns=patterns) if patterns else None,
        MappingProxyType(notice_options),
    )


def _middleware_settings(where: _Where, table: Mapping[str, Any]) -> Settings:
    try:
        return Settings.from_options(table)
    except OptionError as error:
        # A file is TOML, which has no None and no functions; a dict came from Python.
        message = error.toml_message if where.text is not None else error.message
        raise where.error(("middleware", *_key_parts(error.key)), message) from None
    except ConfigError as error:
        raise where.error(("middleware", *_key_parts(error.key)), error.message) from None
    except (TypeError, ValueError) as error:
        raise where.error(("middleware",), str(error)) from None


def _validate_notice(where: _Where, table: Mapping[str, Any], prefix: str) -> Notice:
    # The notice validates its own table (its keys change with it); any error is
    # reported here with the file, line and key like every other config error.
    # Imported here: the notice package loads Jinja2 and its templates.
    from jreject.notice import Notice

    try:
        return Notice.from_config({"static_url": prefix + "/static/", **table})
    except ConfigError as error:
        raise where.error(("notice", *_key_parts(error.key)), error.message) from None
    except (TypeError, ValueError) as error:
        text = str(error)
        key: tuple[str | int, ...] = ("notice",)
        if text.startswith("notice."):
            # "notice.colour is not a notice setting; …": the key is the first word.
            name, _, rest = text.partition(" ")
            key = tuple(_key_parts(name))
            known = _notice_keys()
            # A close key only helps when the one written is unknown, not when its value is wrong.
            hint = "" if key[1] in known else suggest(str(key[1]), known)
            text = rest.removeprefix("is ") + hint
        raise where.error(key, text) from None


def _notice_keys() -> tuple[str, ...]:
    from jreject.notice import render

    return tuple(getattr(render, "CONFIG_KEYS", ()))


def _key_parts(key: str) -> list[str | int]:
    parts = [part for part in re.split(r"[.\[\]]+", key) if part]
    return [int(p) if p.isdigit() else p for p in parts]


def _policy(where: _Where, tiers: object) -> Policy:
    if isinstance(tiers, Mapping):
        tiers = [tiers]  # `[policy]` where `[[policy]]` was meant: one tier is still clear
    if not isinstance(tiers, list):
        raise where.error(("policy",), f"expected [[policy]] tables, got {tiers!r}")
    policies = [_tier(where, index, tier) for index, tier in enumerate(tiers)]
    return policies[0] if len(policies) == 1 else FirstMatch(tuple(policies))


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
        raise where.error((*path, kind, *_key_parts(error.key)), error.detail) from None
    except DataError:
        raise  # the install's fault, not the config's: it names the file and the fix
    except ValueError as error:
        raise where.error((*path, kind), str(error)) from None


def _choices(values: Sequence[str] | Mapping[str, Any]) -> str:
    return ", ".join(repr(v) for v in values)


def _has_tool_table(path: Path) -> bool:
    # A pyproject.toml that does not parse may hold the [tool.jreject] meant: skipping it
    # would apply another policy without a word, so its error is raised, not swallowed.
    _, document = _read_toml(path)
    tool = document.get("tool")
    return isinstance(tool, dict) and "jreject" in tool
