"""A :class:`~jreject.migrate.options.Migration` written as a commented ``jreject.toml``.

Written by hand rather than with a TOML library: every key gets its comment on the
same line, and the notes go where a reader looks for them. The result is checked by
loading it (:func:`render` raises if it would not load).
"""

from __future__ import annotations

import json
import re
import textwrap
import tomllib
from typing import Any

from jreject._version import __version__
from jreject.config import config_from_dict
from jreject.migrate.literal import JSFunction
from jreject.migrate.options import Migration

__all__ = ["check", "render", "toml_value"]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def toml_value(value: Any) -> str:
    """``value`` as a TOML value (strings, booleans, numbers and lists of them)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        # A JSON string is a TOML basic string, once DEL is escaped too (TOML 1.0 §String).
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    raise TypeError(f"cannot write {value!r} as TOML")


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else toml_value(name)


def _comment(text: str, indent: str = "# ") -> list[str]:
    lines = textwrap.wrap(text, 96 - len(indent), break_on_hyphens=False)
    return [indent + line for line in lines] or ["#"]


def _line(key: str, value: Any, note: str = "") -> list[str]:
    line = f"{_key(key)} = {toml_value(value)}"
    if not note:
        return [line]
    if len(line) + len(note) + 3 <= 100:
        return [f"{line}  # {note}"]
    return [*_comment(note), line]


def _shown(value: Any) -> str:
    if isinstance(value, JSFunction):
        first = value.source.splitlines()[0] if value.source else ""
        return first + (" …" if "\n" in value.source else "")
    try:
        return json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        return repr(value)


def render(migration: Migration) -> str:
    """The whole ``jreject.toml``; raises ``ValueError`` if jreject could not load it."""
    out = [
        f"# jreject.toml, written by `jreject migrate` (jreject {__version__}) from "
        f"{migration.source}.",
        "# Reference: docs/configuration.md, docs/policies.md, docs/notice.md, docs/migrate.md.",
        "",
        "[[policy]]",
    ]
    out += _line("action", migration.action, migration.action_note)
    out += [
        "",
        "# jReject's reject keys, with the plugin's meaning (docs/policies.md).",
        "[policy.reject]",
    ]
    for rule in migration.rules:
        if rule.value is None:
            out += _comment(f"{rule.key}: {rule.note}" if rule.note else rule.key)
        elif not rule.active:
            out += [*_comment(rule.note), "# " + _line(rule.key, rule.value)[0]]
        else:
            out += _line(rule.key, rule.value, rule.note)
    if migration.browsers is not None or migration.texts:
        out += ["", "[notice]"]
        if migration.browsers is not None:
            out += _line("browsers", migration.browsers, migration.browsers_note)
        if migration.texts:
            out += ["", "[notice.texts]"]
            for key, text in migration.texts.items():
                out += _line(key, text, migration.text_notes.get(key, ""))
    if migration.middleware or migration.middleware_notes:
        out += ["", "[middleware]"]
        for note_key, note in migration.middleware_notes.items():
            if note_key not in migration.middleware:
                out += _comment(note)
        for key, value in migration.middleware.items():
            out += _line(key, value, migration.middleware_notes.get(key, ""))
    if migration.notes:
        out += ["", "# jReject options not carried over, and why:"]
        for option, value, why in migration.notes:
            out += _comment(f"{option} = {_shown(value)}: {why}")
    text = "\n".join(out) + "\n"
    check(text)
    return text


def check(text: str) -> None:
    """Load ``text`` as jreject would at startup: policy, notice and middleware settings."""
    # The loader validates every table, the notice's and the middleware's too.
    config_from_dict(tomllib.loads(text), source="the migrated jreject.toml")
