"""Bot data: crawler-user-agents' tagged list, isbot's and Crawler-Detect's patterns.

Three maintained npm packages, read at build time by ``scripts/generate_bots.py``
and refreshed by ``jreject data update``:

* **crawler-user-agents** (MIT): one entry per known crawler, each with a regex and
  tags (``search-engine``, ``ai-crawler``, ``social-preview`` …), which become the
  bot's category through :data:`CATEGORY_OF_TAG`;
* **isbot** (Unlicense): about 200 short patterns ("crawl", "headless", a User-Agent
  of one bare token …) that catch the long tail no list names;
* **es6-crawler-detect** (MIT): the ~1,400 patterns of Crawler-Detect (the PHP
  library), which names many small services the other two lists lack (uptime
  monitors, translators, thumbnailers) but gives no categories.

isbot and Crawler-Detect write JavaScript regexes, some with lookarounds, which RE2
(the linear-time engine jreject matches with) does not have. :func:`translate`
(:mod:`jreject.data.jsregex`) rewrites a negative lookbehind at the start or a
negative lookahead at the end whose body is plain text into an equivalent RE2
pattern; a pattern it cannot rewrite is listed under ``skipped`` in the file, with
the reason, rather than run on a backtracking engine.

The file records each package's name, version, licence and licence text, and how
the matcher splits and keys every built-in pattern, jreject's own
(:mod:`jreject.data.bot_patterns`) included (``branches``,
:func:`jreject.data.bot_index.branch_index`), so that loading it compiles nothing. It is
generated, never edited by hand: ``jreject data update`` writes a newer copy into the
user data directory, which then wins over the bundled one (:func:`load_bot_data`)
unless it cannot be read (:func:`bot_data_source`).
"""

from __future__ import annotations

import functools
import json
import logging
import os
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from jreject import data as _data
from jreject.data.bot_index import INDEX_VERSION, branch_index
from jreject.data.bot_patterns import CRAWLER_DETECT, CRAWLER_USER_AGENTS, ISBOT
from jreject.data.jsregex import UntranslatableError, translate

if TYPE_CHECKING:
    # Only converting reads packages (tarfile): loading the data for the matcher does not.
    from jreject.data.package import Package

__all__ = [
    "BOTS_FILE",
    "BRANCHES",
    "BRANCHES_VERSION",
    "CATEGORY_OF_TAG",
    "CRAWLER_DETECT",
    "CRAWLER_USER_AGENTS",
    "ISBOT",
    "BotDataSource",
    "UntranslatableError",
    "bot_data_location",
    "bot_data_source",
    "convert_bots",
    "load_bot_data",
    "reload_bot_data",
    "serialize_bots",
    "translate",
]

BOTS_FILE = "bots.json"
#: Format 2 adds the branch index (``branches``), format 3 Crawler-Detect's patterns.
#: An older file, from the ``jreject data update`` of an older jreject, still loads:
#: format 1 is indexed at start-up, and either goes without Crawler-Detect's list.
FORMAT = 3
_FORMATS = (1, 2, FORMAT)
#: Every built-in pattern's branches and their keys, as the matcher indexes them
#: (:func:`jreject.data.bot_index.branch_index`), and the version of that indexing.
BRANCHES = "branches"
BRANCHES_VERSION = "branches_version"

#: crawler-user-agents' tags → jreject's bot categories. An entry with several tags
#: takes the first of its tags in this order (an AI crawler that is also a search
#: engine's is "ai": that is what an operator asking about AI wants to see).
CATEGORY_OF_TAG: dict[str, str] = {
    "ai-crawler": "ai",
    "search-engine": "search",
    "social-preview": "preview",
    "browser-automation": "headless",
    "monitoring": "monitor",
    "feed-reader": "feed",
    "advertising": "seo",
    "seo": "seo",
    "archiver": "archive",
    "scanner": "scanner",
    "http-library": "library",
    "academic": "crawler",
}

_logger = logging.getLogger("jreject")


def _isbot_patterns(package: Package) -> list[str]:
    from jreject.data.jsliteral import find_literal

    # The npm package ships its patterns.json inlined in index.js by the bundler.
    patterns = find_literal(package.read("index.js"), "var patterns_default = ")
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ValueError("isbot's index.js holds no list of pattern strings")
    return patterns


def _crawler_detect_patterns(package: Package) -> list[str]:
    from jreject.data.jsliteral import find_literal

    # The compiled TypeScript class returns its list from getAll().
    source = package.read("dist/lib/crawler/crawlers.js")
    patterns = find_literal(source, "return ")
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ValueError("es6-crawler-detect's crawlers.js returns no list of pattern strings")
    return patterns


def _translated(patterns: list[str], skipped: list[dict[str, str]]) -> list[dict[str, str]]:
    """Each JavaScript pattern with its RE2 translation; one that has none goes to ``skipped``."""
    found: list[dict[str, str]] = []
    for pattern in patterns:
        try:
            found.append({"pattern": pattern, "re2": translate(pattern)})
        except UntranslatableError as exc:
            skipped.append({"pattern": pattern, "reason": str(exc)})
    return found


def _category(tags: list[str]) -> str:
    for tag, category in CATEGORY_OF_TAG.items():
        if tag in tags:
            return category
    return "crawler"


def _source(package: Package) -> dict[str, str]:
    # The licence's own text travels with the data: MIT asks that its notice be
    # included in every copy, and jreject's wheel is one.
    try:
        text = package.read("LICENSE")
    except FileNotFoundError:
        raise ValueError(f"{package.name} {package.version} ships no LICENSE file") from None
    return {
        "package": package.name,
        "version": package.version,
        "license": _license(package),
        "license_text": text,
    }


def _license(package: Package) -> str:
    manifest = json.loads(package.read("package.json"))
    value = manifest.get("license")
    if not isinstance(value, str) or not value:
        raise ValueError(f"{package.name} {package.version} declares no licence")
    return value


def convert_bots(
    isbot: Package, crawler_user_agents: Package, crawler_detect: Package
) -> dict[str, Any]:
    """The content of ``bots.json`` from the three npm packages (a directory or a tarball).

    Besides the patterns, the file records the branch index of every built-in pattern
    (``branches``), so that a matcher need not split, key and compile them all at start-up.
    """
    given = (isbot.name, crawler_user_agents.name, crawler_detect.name)
    if given != (ISBOT, CRAWLER_USER_AGENTS, CRAWLER_DETECT):
        raise ValueError(
            f"expected the {ISBOT}, {CRAWLER_USER_AGENTS} and {CRAWLER_DETECT} packages, "
            f"got {', '.join(given)}"
        )
    crawlers: list[dict[str, str]] = []
    for entry in json.loads(crawler_user_agents.read("crawler-user-agents.json")):
        pattern = entry.get("pattern")
        if isinstance(pattern, str) and pattern:
            crawlers.append({"pattern": pattern, "category": _category(entry.get("tags") or [])})
    skipped: list[dict[str, str]] = []
    patterns = _translated(_isbot_patterns(isbot), skipped)
    detect_patterns = _translated(_crawler_detect_patterns(crawler_detect), skipped)
    converted = {
        "format": FORMAT,
        "generator": "scripts/generate_bots.py (jreject.data.bots.convert_bots); do not edit",
        "sources": {
            CRAWLER_USER_AGENTS: _source(crawler_user_agents),
            ISBOT: _source(isbot),
            CRAWLER_DETECT: _source(crawler_detect),
        },
        CRAWLER_USER_AGENTS: crawlers,
        # isbot's JavaScript pattern and its RE2 translation; isbot matches
        # case-insensitively, and the flag is added where the patterns compile.
        ISBOT: patterns,
        # The same for Crawler-Detect's, which match case-insensitively too.
        CRAWLER_DETECT: detect_patterns,
        "skipped": skipped,
    }
    # The matcher's own split and keys of every pattern, jreject's included, worked
    # out here once instead of at each start-up (~0.05 s of RE2 compiles and parsing).
    converted[BRANCHES_VERSION] = INDEX_VERSION
    converted[BRANCHES] = branch_index(converted)
    return converted


def serialize_bots(data: dict[str, Any]) -> bytes:
    """``bots.json`` bytes: one entry a line, so a data update reads well as a diff."""
    lines = ["{"]
    items = list(data.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        if isinstance(value, list) and value:
            inner = ",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value)
            lines.append(f"{json.dumps(key)}: [\n{inner}\n]{comma}")
        else:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{comma}")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def bot_data_location() -> Path | None:
    """The installed ``bots.json`` tried first, or ``None`` when there is none.

    It is used unless it cannot be read: :func:`bot_data_source` says which copy is in use.
    """
    override = os.environ.get(_data.DATA_DIR_ENV)
    roots = [Path(override)] if override else []
    root = _data.user_data_dir()
    if root is not None and not override:
        roots.append(root)
    for folder in roots:
        candidate = folder / BOTS_FILE
        if candidate.is_file():
            return candidate
    return None


class BotDataSource(NamedTuple):
    """Which bot data is in use, and an installed file passed over because it cannot be."""

    #: The installed ``bots.json`` in use; ``None``: the bundled copy.
    path: Path | None
    #: An installed ``bots.json`` that cannot be used, and why (``reason``).
    rejected: Path | None = None
    reason: str = ""


def _check(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") not in _FORMATS:
        raise ValueError(f"not a format-{FORMAT} {BOTS_FILE}")
    if data["format"] == FORMAT and not isinstance(data.get(BRANCHES), list):
        raise ValueError(f"{BOTS_FILE} holds no branch index")
    required = (CRAWLER_USER_AGENTS, ISBOT, CRAWLER_DETECT)
    for key in required if data["format"] == FORMAT else required[:2]:
        if not isinstance(data.get(key), list) or not data[key]:
            raise ValueError(f"{BOTS_FILE} holds no {key} patterns")
        source = data["sources"][key]
        if not source["version"] or not source["license"] or not source["license_text"]:
            raise ValueError(f"{BOTS_FILE} records no version or licence for {key}")
    return data


@functools.cache
def _load() -> tuple[dict[str, Any], BotDataSource]:
    path = bot_data_location()
    source = BotDataSource(None)
    if path is not None:
        try:
            return _check(json.loads(path.read_bytes())), BotDataSource(path)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # No "jreject: " prefix: a log format showing the logger's name says it already.
            _logger.warning(
                "the installed bot data %s cannot be used (%s); using the bundled bot data",
                path,
                exc,
            )
            source = BotDataSource(None, path, str(exc))
    bundled = resources.files(__package__ or "jreject.data").joinpath(BOTS_FILE)
    return _check(json.loads(bundled.read_bytes())), source


def load_bot_data() -> dict[str, Any]:
    """The bot data in use: the one ``jreject data update`` installed, else the bundled one.

    An installed file that cannot be read is logged (once) and passed over: bot detection
    then runs on the bundled copy rather than on nothing; :func:`bot_data_source` says so.
    """
    return _load()[0]


def bot_data_source() -> BotDataSource:
    """Which copy :func:`load_bot_data` gives, and the installed file it passed over, if any."""
    return _load()[1]


def reload_bot_data() -> None:
    """Forget the loaded bot data, so the next call reads it again (after an update)."""
    _load.cache_clear()


# jreject.data.reload() forgets the bot data too, without importing this module.
_data.on_reload(reload_bot_data)
