"""Compare bot lists on third-party fixtures: recall on bots, false bots among browsers.

    python benchmarks/bot_sources.py DIR

``DIR`` holds the fixtures of ``benchmarks/third_party_accuracy.py`` plus, when
available, ``isbot-patterns.json`` (isbot's ``src/patterns.json``) and
``arcjet-well-known-bots.json`` (arcjet/well-known-bots). crawlerdetect is used if it
is importable (``pip install --target … crawlerdetect`` and put it on ``PYTHONPATH``).
Each source is scored on matomo's ``bots.yml`` (recall) and on matomo's browser
fixtures (the share called bots), and so is jreject's matcher.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from jreject.detect.bots import BotMatcher

sys.path.insert(0, str(Path(__file__).resolve().parent))
from third_party_accuracy import _yaml, humans

Matcher = Callable[[str], bool]


def isbot(path: Path) -> Matcher:
    # isbot joins its patterns into one case-insensitive alternation.
    compiled = []
    skipped: list[str] = []
    for pattern in json.loads(path.read_text("utf-8")):
        # JavaScript accepts a few classes Python refuses ("[\\d-.]"): escape the dash.
        text = pattern.replace("\\d-.", "\\d\\-.")
        try:
            compiled.append(re.compile(text, re.IGNORECASE))
        except re.error:
            skipped.append(pattern)  # a variable-width lookbehind: JavaScript only
    if skipped:
        print(f"isbot: {len(skipped)} of its patterns need JavaScript's lookbehind; left out")
    return lambda ua: any(regex.search(ua) for regex in compiled)


def arcjet(path: Path) -> Matcher:
    entries = json.loads(path.read_text("utf-8"))
    accepted = []
    for entry in entries:
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


def main() -> None:
    directory = Path(sys.argv[1])
    bots = sorted({str(case["user_agent"]) for case in _yaml(directory / "matomo-bots.yml")})
    people = sorted({ua for ua, _ in humans(directory)} - set(bots))
    matcher = BotMatcher()
    sources: dict[str, Matcher] = {"jreject": lambda ua: matcher(ua) is not None}
    if (directory / "isbot-patterns.json").exists():
        sources["isbot"] = isbot(directory / "isbot-patterns.json")
    if (directory / "arcjet-well-known-bots.json").exists():
        sources["arcjet well-known-bots"] = arcjet(directory / "arcjet-well-known-bots.json")
    found = crawlerdetect()
    if found is not None:
        sources["crawlerdetect"] = found
    print(f"{len(bots)} bots (matomo bots.yml), {len(people)} browsers (matomo devices)")
    for name, is_bot in sources.items():
        recall = sum(map(is_bot, bots))
        false = sum(map(is_bot, people))
        print(
            f"{name:24} recall {recall / len(bots):6.1%}   "
            f"browsers called bots {false:4} ({false / len(people):.2%})"
        )


if __name__ == "__main__":
    main()
