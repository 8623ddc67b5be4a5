"""Find and read a project's browserslist config, the way browserslist does.

From a directory upward, the first directory with a ``browserslist`` file, a
``.browserslistrc`` or a ``package.json`` with a ``browserslist`` key wins (two of them in
one directory is an error). Sections (``[production]``, ``[modern legacy]``) are
environments, picked by ``env``, ``BROWSERSLIST_ENV``, ``NODE_ENV`` or ``production``,
falling back to the queries before the first section. ``BROWSERSLIST`` (queries) and
``BROWSERSLIST_CONFIG`` (a file) in the environment take precedence, as in browserslist.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from pathlib import Path
from typing import Any

from jreject.browserslist._js import WS, js_trim, js_truthy, js_typeof
from jreject.browserslist.errors import BrowserslistError

__all__ = [
    "CONFIG_FILES",
    "find_config",
    "load_config",
    "parse_config",
    "pick_env",
    "read_config",
]

CONFIG_FILES: tuple[str, ...] = ("browserslist", ".browserslistrc", "package.json")
#: browserslist's /^\s*\[(.+)]\s*$/, with JavaScript's \s, "." and "$".
_SECTION = re.compile(rf"[{WS}]*\[([^\n\r\u2028\u2029]+)][{WS}]*\Z")
_BOM = re.compile("(?:^|(?<=[\n\r\u2028\u2029]))\ufeff")
_FORMAT = "Browserslist config should be a string or an array of strings with browser queries"


def parse_config(text: str) -> dict[str, list[str]]:
    """``{"defaults": [...], "production": [...]}`` from a ``.browserslistrc`` text."""
    result: dict[str, list[str]] = {"defaults": []}
    sections = ["defaults"]
    for raw in re.split(r"\n|,", re.sub(r"#[^\n]*", "", text)):
        # JavaScript's trim, not str.strip: a BOM goes, a \x1c or \x85 stays.
        line = js_trim(raw)
        if not line:
            continue
        match = _SECTION.match(line)
        if match:
            sections = js_trim(match.group(1)).split(" ")
            for section in sections:
                if section in result:
                    raise BrowserslistError(f"Duplicate section {section} in Browserslist config")
                result[section] = []
        else:
            for section in sections:
                result[section].append(line)
    return result


def read_config(file: str | Path) -> dict[str, list[str]]:
    """Parse a ``browserslist`` / ``.browserslistrc`` file."""
    path = Path(file)
    try:
        # Bytes as Node reads them: a lone \r stays inside its line (read_text would make
        # it a line break), malformed UTF-8 becomes U+FFFD.
        text = path.read_bytes().decode("utf-8", "replace") if path.is_file() else None
    except OSError:
        text = None
    if text is None:
        raise BrowserslistError(f"Can't read {file} config")
    return parse_config(text)


def _check(value: Any) -> None:
    if isinstance(value, list):
        if not all(isinstance(item, str) for item in value):
            raise BrowserslistError(_FORMAT)
    elif not isinstance(value, str):
        raise BrowserslistError(_FORMAT)


class _Unreadable(BrowserslistError):
    """A package.json that cannot be read or is not JSON: browserslist passes over it while
    searching (with a warning), and fails on it when it is the config named."""


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # JSON.parse has no NaN or Infinity


def _read_json(file: Path) -> Any:
    try:
        # As Node reads it: malformed UTF-8 becomes U+FFFD, and one BOM at the start of a
        # line is dropped (browserslist's /^\uFEFF/m).
        text = file.read_bytes().decode("utf-8", "replace")
    except OSError:
        raise _Unreadable(f"Can't read {file} config") from None
    text = _BOM.sub("", text, count=1)
    if '"browserslist"' not in text and '"browserlist"' not in text:
        return None
    try:
        return json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError):
        raise _Unreadable(f"Could not parse {file}") from None


def _parse_package(file: Path) -> Any:
    """browserslist's parsePackage: the ``browserslist`` value, a string or list of queries
    read as the default environment, every environment checked; None without the key. A
    number or boolean is returned as it is, for the caller to report."""
    manifest = _read_json(file)
    if not isinstance(manifest, dict):
        return None
    if js_truthy(manifest.get("browserlist")) and "browserslist" not in manifest:
        raise BrowserslistError(f"`browserlist` key instead of `browserslist` in {file}")
    found = manifest.get("browserslist")
    if isinstance(found, list | str):
        found = {"defaults": found}
    if isinstance(found, dict):
        for value in found.values():
            _check(value)
    return found


def _read_any(file: Path) -> Any:
    if file.name == "package.json":
        return _parse_package(file)
    return dict(read_config(file))


def _in_root(path: Path) -> bool:
    root = os.environ.get("BROWSERSLIST_ROOT_PATH")
    if not root:
        return True
    try:
        path.relative_to(Path(root).resolve())
    except ValueError:
        return False
    return True


def _check_typo(correct: Path) -> None:
    typo = correct.with_name(correct.name.replace("browserslist", "browserlist"))
    if typo.is_file() and not correct.is_file():
        raise BrowserslistError(f"`{typo.name}` instead of `{correct.name}` in {correct.parent}")


def find_config(start: str | Path) -> Path | None:
    """The config file browserslist would use for ``start`` (a file or directory)."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if not _in_root(folder):
            break
        if not folder.is_dir():
            continue
        config, rc, pkg = (folder / name for name in CONFIG_FILES)
        in_package = None
        if pkg.is_file():
            # Only a package.json that cannot be read is passed over; a browserslist key in
            # it that is wrong is an error, as in browserslist.
            with contextlib.suppress(_Unreadable):
                in_package = js_truthy(_parse_package(pkg))
        _check_typo(rc)
        _check_typo(config)
        if config.is_file() and in_package:
            raise BrowserslistError(
                f"{folder} contains both browserslist and package.json with browsers"
            )
        if rc.is_file() and in_package:
            raise BrowserslistError(
                f"{folder} contains both .browserslistrc and package.json with browsers"
            )
        if config.is_file() and rc.is_file():
            raise BrowserslistError(f"{folder} contains both .browserslistrc and browserslist")
        if config.is_file():
            return config
        if rc.is_file():
            return rc
        if in_package:
            return pkg
    return None


def pick_env(config: Any, env: str | None, throw_on_missing: bool) -> Any:
    """The queries of environment ``env`` (or BROWSERSLIST_ENV, NODE_ENV, production)."""
    if not isinstance(config, dict):
        return config  # None without a config; a number or boolean for the caller to report
    name = env
    if name is None:
        name = os.environ.get("BROWSERSLIST_ENV") or os.environ.get("NODE_ENV") or "production"
    # browserslist's `config[name] || config.defaults`: an empty string counts as missing,
    # and env="" is a name (a `[a  b]` section defines it), just one never missing.
    chosen = config.get(name)
    if throw_on_missing and name and name != "defaults" and not js_truthy(chosen):
        raise BrowserslistError(f"Missing config for Browserslist environment `{name}`")
    return chosen if js_truthy(chosen) else config.get("defaults")


def load_config(
    path: str | Path = ".",
    *,
    env: str | None = None,
    config: str | Path | None = None,
    throw_on_missing: bool = False,
) -> str | list[str] | None:
    """The queries for ``path``'s project in environment ``env``, or None without a config
    (or with empty queries, which browserslist also replaces with its defaults)."""
    from_env = os.environ.get("BROWSERSLIST")
    if from_env:
        return from_env
    file = config or os.environ.get("BROWSERSLIST_CONFIG")
    if file:
        found: Any = _read_any(Path(file))
    else:
        located = find_config(path)
        found = _read_any(located) if located else None
    queries = pick_env(found, env, throw_on_missing)
    if not js_truthy(queries):
        return None
    if isinstance(queries, str | list):
        return queries
    # `"browserslist": 5` in package.json: browserslist takes it for the queries, then
    # rejects their type.
    raise BrowserslistError(
        f"Browser queries must be an array or string. Got {js_typeof(queries)}."
    )
