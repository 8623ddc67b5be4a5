"""``extends browserslist-config-x`` and ``> 1% in browserslist-config-x stats``.

Shareable configs are npm packages. Without Node.js we find them the way ``require`` does
(``node_modules`` from the project directory upward) and read their export when it is a
plain list or object of queries, which is what shareable configs almost always are. A config
that computes its export in code gets an error saying so, never a guess.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from jreject.browserslist._js import js_truthy
from jreject.browserslist.errors import BrowserslistError
from jreject.data.jsliteral import JSLiteralError, parse_literal

__all__ = ["check_name", "load_queries", "load_stats", "module_dir"]

_PREFIX = re.compile(r"^browserslist-config-")
_SCOPED = re.compile(r"^@[^/]+(?:/[^/]+)?/browserslist-config(?:-|$|/)")
_USE = " Use `dangerousExtend` option to disable."
_EXPORT = re.compile(r"(?:module\.exports\s*=|export\s+default)\s*")


def check_name(name: str, dangerous: bool) -> None:
    """browserslist's rules for a config name, unless ``dangerous`` (``dangerousExtend``)."""
    if dangerous or os.environ.get("BROWSERSLIST_DANGEROUS_EXTEND"):
        return
    if not _PREFIX.search(name) and not _SCOPED.search(name):
        raise BrowserslistError("Browserslist config needs `browserslist-config-` prefix. " + _USE)
    if "\\" in name:
        raise BrowserslistError("`\\` not allowed in Browserslist config name. " + _USE)
    if "." in re.sub(r"^@[^/]+/", "", name):
        raise BrowserslistError("`.` not allowed in Browserslist config name. " + _USE)
    if "node_modules" in name:
        raise BrowserslistError("`node_modules` not allowed in Browserslist config." + _USE)


def module_dir(name: str, starts: list[str]) -> Path | None:
    """Where ``require.resolve(name)`` would look: ``node_modules/name`` up from each start."""
    for start in starts:
        here = Path(start).resolve()
        for folder in (here, *here.parents):
            candidate = folder / "node_modules" / name
            if _exists(candidate):
                return candidate
    return None


def _exists(candidate: Path) -> bool:
    try:
        return candidate.exists() or candidate.with_suffix(".js").is_file()
    except (OSError, ValueError):
        return False  # a name the file system cannot hold (too long) is no module


def _read(file: Path, name: str) -> str:
    try:
        # As require reads a module: UTF-8, a leading BOM dropped.
        return file.read_bytes().decode("utf-8", "replace").removeprefix("\ufeff")
    except OSError:
        raise BrowserslistError(f"Cannot find module '{name}'") from None


def _read_json(file: Path, name: str) -> Any:
    text = _read(file, name)
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise BrowserslistError(f"Could not parse {file}") from None


def _entry_file(found: Path, name: str) -> Path:
    if not found.is_dir():
        return found if found.is_file() else found.with_suffix(".js")
    manifest = found / "package.json"
    main = _read_json(manifest, name).get("main") if manifest.is_file() else None
    entry = found / (main if isinstance(main, str) and main else "index.js")
    if entry.is_dir():
        entry = entry / "index.js"
    if not entry.exists() and entry.with_suffix(".js").is_file():
        entry = entry.with_suffix(".js")
    return entry


def _export(found: Path, name: str) -> Any:
    try:
        entry = _entry_file(found, name)
    except BrowserslistError:
        raise
    except (OSError, ValueError):  # a "main" that names no file ("/"), a path too long
        raise BrowserslistError(f"Cannot find module '{name}'") from None
    if entry.suffix == ".json":
        return _read_json(entry, name)
    text = _read(entry, name)
    match = _EXPORT.search(text)
    if match:
        try:
            return parse_literal(text, match.end())[0]
        except JSLiteralError:
            pass
    raise BrowserslistError(
        f"`{name}` computes its queries in JavaScript, which jreject cannot run; "
        "list the queries in .browserslistrc instead"
    )


def load_queries(name: str, path: str | None, dangerous: bool) -> Any:
    """The exported queries of shareable config ``name`` (a list, or a dict of environments)."""
    check_name(name, dangerous)
    found = module_dir(name, [".", path or "."])
    if found is None:
        raise BrowserslistError(f"Cannot find module '{name}'")
    queries = _export(found, name)
    if isinstance(queries, dict) and js_truthy(queries.get("__esModule")):
        # What a bundler makes of `export default [...]`: browserslist takes the default.
        queries = queries.get("default")
    if isinstance(queries, list):
        return queries
    if isinstance(queries, dict):
        if not js_truthy(queries.get("defaults")):
            queries["defaults"] = []
        return queries
    raise BrowserslistError(f"`{name}` config exports not an array of queries or an object of envs")


def load_stats(name: str, dangerous: bool) -> Any:
    """``browserslist-stats.json`` of the npm package ``name``."""
    check_name(name, dangerous)
    found = module_dir(f"{name}/browserslist-stats.json", ["."])
    if found is None or not found.is_file():
        raise BrowserslistError(f"Cannot find module '{name}/browserslist-stats.json'")
    return _read_json(found, f"{name}/browserslist-stats.json")
