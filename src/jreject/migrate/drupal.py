"""The Drupal jReject module's settings → jReject options → a :class:`Migration`.

Input is what drush exports: ``drush vget jreject --format=json`` (Drupal 7, the
``jreject_*`` variables) or ``drush config:get jreject.settings`` (Drupal 8+, YAML).
The module built a ``$.reject({...})`` call from them (``jreject_init()`` in
``jreject.module``); this does the same, then migrates the options. A variable the
export leaves out takes the module's default, as ``variable_get()`` did.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from jreject.migrate.options import Migration, migrate_options

__all__ = [
    "DRUPAL_DEFAULTS",
    "DrupalError",
    "drupal_options",
    "looks_like_drupal",
    "looks_like_drupal_text",
    "migrate_drupal",
    "read_settings",
]

#: The module's defaults (``jreject_default_variables()``, ``jreject_get_list_browsers()``).
DRUPAL_DEFAULTS: Mapping[str, Any] = {
    "enable": 1,
    "reject_browsers": {
        "msie": {"enabled": 1, "reject_version": 6},
        "firefox": {"enabled": 1, "reject_version": 9},
        "chrome": {"enabled": 1, "reject_version": 15},
        "safari": {"enabled": 1, "reject_version": 4},
        "opera": {"enabled": 1, "reject_version": 9},
    },
    "browser_alternatives": {"msie": 1, "firefox": 1, "safari": 1, "opera": 1, "chrome": 1},
}

# Variable names (after "jreject_", Drupal 7 snake case or Drupal 8 camel case) → options.
_OPTION_NAMES: Mapping[str, str] = {
    "header": "header",
    "paragraph1": "paragraph1",
    "paragraph2": "paragraph2",
    "close_message": "closeMessage",
    "closemessage": "closeMessage",
    "close_link": "closeLink",
    "closelink": "closeLink",
    "close_url": "closeURL",
    "closeurl": "closeURL",
    "close": "close",
    "close_esc": "closeESC",
    "closeesc": "closeESC",
    "close_cookie": "closeCookie",
    "closecookie": "closeCookie",
    "overlay_bg_color": "overlayBgColor",
    "overlaybgcolor": "overlayBgColor",
    "overlay_opacity": "overlayOpacity",
    "overlayopacity": "overlayOpacity",
    "fade_in_time": "fadeInTime",
    "fadeintime": "fadeInTime",
    "fade_out_time": "fadeOutTime",
    "fadeouttime": "fadeOutTime",
}
# A line that names one of the module's variables as a key, in a YAML or JSON export.
_DRUPAL_KEY_LINE = re.compile(r"""^\s*["']?jreject(_\w|\.settings["']?\s*:)""", re.MULTILINE)
_STRUCTURED = frozenset({"enable", "reject_browsers", "browser_config", "browser_alternatives"})
_BOOLEAN_OPTIONS = frozenset({"close", "closeESC", "closeCookie"})


class DrupalError(ValueError):
    """The export is not the module's settings."""


def read_settings(text: str) -> dict[str, Any]:
    """Parse a drush export (JSON or YAML) into the settings, ``jreject_`` prefixes kept.

    A ``jreject.settings:`` wrapper (``drush config:export`` style) is taken off, and
    Drupal 8's ``_core`` key is ignored.
    """
    data: Any
    try:
        data = json.loads(text)
    except ValueError:
        try:
            import yaml
        except ModuleNotFoundError:
            raise DrupalError(
                "the export is not JSON, and reading YAML needs PyYAML: "
                "pip install 'jreject[migrate]' (or export with --format=json)"
            ) from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as error:
            raise DrupalError(f"neither JSON nor YAML: {_yaml_problem(error)}") from None
    if isinstance(data, Mapping) and set(data) == {"jreject.settings"}:
        data = data["jreject.settings"]
    if not isinstance(data, Mapping):
        raise DrupalError(f"expected a table of jreject_* settings, got {type(data).__name__}")
    return {str(key): value for key, value in data.items() if key != "_core"}


def _yaml_problem(error: Exception) -> str:
    """PyYAML's error on one line: where, what it was reading, what it found."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None)
    if mark is None or problem is None:
        return " ".join(str(error).split())
    where = f"YAML error at line {mark.line + 1}, column {mark.column + 1}"
    context, started = getattr(error, "context", None), getattr(error, "context_mark", None)
    if context and started is not None:
        context += f" (from line {started.line + 1}, column {started.column + 1})"
    return f"{where}: " + ": ".join(part for part in (context, problem) if part)


def looks_like_drupal_text(text: str) -> bool:
    """Whether ``text`` names the module's variables as keys, parseable or not."""
    return _DRUPAL_KEY_LINE.search(text) is not None


def looks_like_drupal(data: Mapping[str, Any]) -> bool:
    """Whether parsed settings are the module's (``jreject_*`` keys), not jQuery options."""
    return any(str(key).startswith("jreject_") for key in data)


def drupal_options(settings: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The ``$.reject()`` options the module built from ``settings``, and what it ignored."""
    values = {key.removeprefix("jreject_"): value for key, value in settings.items()}
    options: dict[str, Any] = {}
    ignored: list[str] = []
    for key, value in settings.items():
        name = key.removeprefix("jreject_")
        option = _OPTION_NAMES.get(name.lower())
        if option is None:
            if name not in _STRUCTURED:
                ignored.append(key)
            continue
        if option in _BOOLEAN_OPTIONS:
            value = _flag(value)
        elif isinstance(value, str) and option == "closeURL" and not value.strip():
            continue  # the module leaves an empty close URL out
        options[option] = value
    options["reject"] = _rejects(values)
    alternatives = values.get("browser_alternatives", DRUPAL_DEFAULTS["browser_alternatives"])
    if isinstance(alternatives, Mapping):
        options["display"] = [str(b) for b, on in alternatives.items() if _flag(on)]
    return options, ignored


def _rejects(values: Mapping[str, Any]) -> dict[str, Any]:
    browsers = values.get("reject_browsers")
    legacy = values.get("browser_config")
    if not browsers and isinstance(legacy, Mapping):
        # Before update 7001: {browser: {version: enabled}}, the highest enabled wins.
        browsers = {}
        for name, versions in legacy.items():
            enabled = [v for v, on in dict(versions or {}).items() if _flag(on)]
            newest = max(enabled, key=_version_key) if enabled else None
            browsers[name] = {"enabled": int(newest is not None), "reject_version": newest}
    if not browsers:
        browsers = DRUPAL_DEFAULTS["reject_browsers"]
    reject: dict[str, Any] = {}
    for name, entry in browsers.items():
        if not isinstance(entry, Mapping) or not _flag(entry.get("enabled")):
            continue
        version = entry.get("reject_version")
        # The module wrote `name: true` for an empty version, else `name: <version>`.
        reject[str(name)] = True if version in (None, "", 0, "0") else version
    return reject


def migrate_drupal(
    settings: Mapping[str, Any], *, source: str = "Drupal jReject settings"
) -> Migration:
    """Migrate the module's settings: what its page script did, as jreject settings."""
    options, ignored = drupal_options(settings)
    migration = migrate_options(options, source=source)
    enabled = settings.get("jreject_enable", settings.get("enable", DRUPAL_DEFAULTS["enable"]))
    if not _flag(enabled):
        migration.action = "log"
        migration.action_note = (
            "jreject_enable was off: a dry run that only logs what it would do; set "
            '"modal" to show the notice'
        )
    for name in ignored:
        migration.notes.append((name, settings[name], "not a setting of the jReject module"))
    return migration


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in ("", "0", "false", "no", "off")
    return bool(value)


def _version_key(version: Any) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", str(version))) or (0,)
