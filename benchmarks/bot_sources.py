"""Compare bot lists on third-party fixtures: recall on bots, false bots among browsers.

    python benchmarks/bot_sources.py DIR

``DIR`` holds the fixtures of ``benchmarks/third_party_accuracy.py`` plus, when
available, ``arcjet-well-known-bots.json`` (arcjet/well-known-bots). crawlerdetect is
used if it is importable (``pip install --target … crawlerdetect`` and put it on
``PYTHONPATH``). isbot, crawler-user-agents and es6-crawler-detect (Crawler-Detect's
patterns on npm) are read from jreject's bundled ``bots.json`` (the JavaScript
patterns as translated to RE2), each on its own, without its overrides or exclusions.

Each source is scored, separately, on matomo's ``bots.yml`` and isbot's
``crawlers.yml`` (recall) and on matomo's browser fixtures and isbot's
``browsers.yml`` (the share called bots); jreject is scored as its ``Detector``
answers, with the bots a ``modern`` policy would reject. isbot's fixtures are not
held out for jreject, which bundles isbot's patterns: read its recall on
``crawlers.yml`` as agreement with isbot, not as a held-out figure.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from jreject.data.bots import load_bot_data
from jreject.detect.detector import Detector
from jreject.policy import Minimum, decide

sys.path.insert(0, str(Path(__file__).resolve().parent))
from third_party_accuracy import _yaml, browsers, humans

Matcher = Callable[[str], bool]


def _any(patterns: list[str]) -> Matcher:
    import re2

    options = re2.Options()
    options.log_errors = False
    found = re2.Set.SearchSet(options)
    for pattern in patterns:
        found.Add(pattern)
    found.Compile()
    return lambda ua: bool(found.Match(ua))


def _case_blind(source: str) -> Matcher:
    return _any(["(?i)" + entry["re2"] for entry in load_bot_data()[source]])


def crawler_user_agents() -> Matcher:
    return _any([entry["pattern"] for entry in load_bot_data()["crawler-user-agents"]])


def arcjet(path: Path) -> Matcher:
    accepted = []
    for entry in json.loads(path.read_text("utf-8")):
        for pattern in entry.get("pattern", {}).get("accepted", []):
            try:
                accepted.append(re.compile(pattern.replace("\\/", "/")))
            except re.error:
                continue
    return lambda ua: any(regex.search(ua) for regex in accepted)


def crawlerdetect() -> Matcher | None:
    try:
        from crawlerdetect import CrawlerDetect  # type: ignore[import-not-found]
    except ImportError:
        return None
    detector = CrawlerDetect()
    return lambda ua: bool(detector.isCrawler(ua))


def _isbot_crawlers(directory: Path) -> list[str]:
    path = directory / "isbot-crawlers.yml"
    if not path.exists():
        return []
    return sorted({str(ua) for agents in _yaml(path).values() for ua in agents})


def main() -> None:
    directory = Path(sys.argv[1])
    bot_sets = {
        "matomo bots.yml": sorted(
            {str(case["user_agent"]) for case in _yaml(directory / "matomo-bots.yml")}
        ),
        "isbot crawlers.yml": _isbot_crawlers(directory),
    }
    every_bot = {ua for uas in bot_sets.values() for ua in uas}
    browser_sets = {
        "matomo browsers": sorted({ua for ua, _ in humans(directory)} - every_bot),
        "isbot browsers.yml": sorted(set(browsers(directory)) - every_bot),
    }
    detector = Detector()
    modern = Minimum.preset("modern")
    sources: dict[str, Matcher] = {
        "jreject": lambda ua: detector(ua).is_bot,
        "isbot (bundled)": _case_blind("isbot"),
        "crawler-user-agents": crawler_user_agents(),
        "es6-crawler-detect (bundled)": _case_blind("es6-crawler-detect"),
    }
    if (directory / "arcjet-well-known-bots.json").exists():
        sources["arcjet well-known-bots"] = arcjet(directory / "arcjet-well-known-bots.json")
    found = crawlerdetect()
    if found is not None:
        sources["crawlerdetect"] = found
    sizes = ", ".join(
        f"{len(uas)} {name}" for name, uas in (*bot_sets.items(), *browser_sets.items())
    )
    print(sizes)
    for name, is_bot in sources.items():
        cells = []
        for label, uas in bot_sets.items():
            hits = sum(map(is_bot, uas))
            cells.append(f"{label} {hits / max(len(uas), 1):6.2%}")
        for label, uas in browser_sets.items():
            false = sum(map(is_bot, uas))
            cells.append(f"{label} called bots {false} ({false / max(len(uas), 1):.2%})")
        print(f"{name:30} " + "  ".join(cells))
    for label, uas in bot_sets.items():
        rejected = [ua for ua in uas if not decide(detector(ua), modern).allowed]
        print(f"jreject: {label}: rejected by modern {len(rejected)}")
        for ua in rejected:
            print(f"  {ua[:160]}")


if __name__ == "__main__":
    main()
