"""Score detection on other projects' public test fixtures, read from a directory.

    python benchmarks/third_party_accuracy.py DIR [--show N]

The fixtures are not part of jreject (some are LGPL): put them in ``DIR`` first,
e.g. from the repositories' own checkouts::

    git -C device-detector show HEAD:Tests/fixtures/bots.yml > DIR/matomo-bots.yml
    (every Tests/fixtures/*.yml of matomo-org/device-detector as matomo-*.yml)
    git -C isbot show HEAD:fixtures/crawlers.yml > DIR/isbot-crawlers.yml
    git -C isbot show HEAD:fixtures/browsers.yml > DIR/isbot-browsers.yml

What is scored:

* humans (matomo fixtures whose client is a browser of a family mapped below):
  the caniuse agent jreject reports against the one the fixture's labels imply.
  Misses where the fixture's label is the disputed one (see ``DISPUTED``) are
  counted and shown apart, never as right;
* bots (matomo ``bots.yml``, isbot ``crawlers.yml``): recall (``Client.is_bot``) and
  how many a ``modern`` policy would reject (the target is none);
* browsers (isbot ``browsers.yml``): how many are called bots (precision).
"""

from __future__ import annotations

import argparse
import collections
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from jreject.detect.detector import Detector
from jreject.policy import Minimum, decide

# Matomo's client names → the caniuse agent their labels imply (off iOS).
MATOMO_AGENTS: dict[str, str] = {
    "Chrome": "chrome",
    "Chromium": "chrome",
    "Chrome Mobile": "and_chr",
    "Chrome Webview": "android",
    "Firefox": "firefox",
    "Firefox Mobile": "and_ff",
    "Safari": "safari",
    "Internet Explorer": "ie",
    "IE Mobile": "ie_mob",
    "Microsoft Edge": "edge",
    "Opera": "opera",
    "Opera Mobile": "op_mob",
    "Opera Mini": "op_mini",
    "Samsung Browser": "samsung",
    "Android Browser": "android",
    "UC Browser": "and_uc",
    "KaiOS Browser": "kaios",
}
# On Android, matomo names a tablet's browser without "Mobile"; caniuse does not split.
MATOMO_ANDROID_AGENTS: dict[str, str] = {
    "Chrome": "and_chr",
    "Firefox": "and_ff",
    "Opera": "op_mob",
    "Microsoft Edge": "and_chr",
}
_SKIP_FILES = ("bots", "clienthints")

# Misses where jreject follows issue 11 (or the UA's own tokens) and the fixture's
# label does not: (label, jreject's agent, a token the UA carries, why).
DISPUTED: tuple[tuple[str, str, str, str], ...] = (
    (
        "android",
        "samsung",
        " Chrome/",
        "Samsung Internet 1.x-3.x (Version/1.x Chrome/18-38), labelled Chrome Webview",
    ),
    ("ie", "ie_mob", "WPDesktop", "Windows Phone IE in desktop mode, labelled desktop IE"),
    ("ie", "ie_mob", "IEMobile", "an IEMobile/ token, labelled desktop IE"),
    ("opera", "op_mob", "Opera Mobi", "Opera Mobile's 'Opera Mobi' token, labelled desktop Opera"),
    (
        "chrome",
        "and_chr",
        "Android",
        "Chrome on Android whose OS the fixture names Fire OS, Android TV …",
    ),
    (
        "opera",
        "op_mob",
        "Android",
        "Opera for Android whose OS the fixture names Fire OS, Android TV …",
    ),
)


def disputed(ua: str, expected: str, got: str | None) -> str | None:
    """Why the fixture's label, not jreject, is the one in doubt; ``None`` if it is not."""
    for label, answer, token, why in DISPUTED:
        if (expected, got) == (label, answer) and token in ua:
            return why
    return None


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def humans(directory: Path) -> Iterator[tuple[str, str]]:
    """``(user_agent, expected caniuse agent)`` from matomo's device fixtures."""
    for path in sorted(directory.glob("matomo-*.yml")):
        if any(skip in path.name for skip in _SKIP_FILES):
            continue
        for case in _yaml(path) or ():
            client = case.get("client") or {}
            if client.get("type") != "browser":
                continue
            os_name = (case.get("os") or {}).get("name") or ""
            name = client.get("name")
            if os_name in ("iOS", "iPadOS"):
                yield case["user_agent"], "ios_saf"
            elif os_name == "KaiOS":
                # Matomo calls KaiOS's browser "Firefox Mobile"; caniuse's "kaios"
                # agent is that browser (Gecko 48 as KaiOS 2.5, Gecko 84 as 3.x).
                yield case["user_agent"], "kaios"
            elif os_name == "Android" and name in MATOMO_ANDROID_AGENTS:
                yield case["user_agent"], MATOMO_ANDROID_AGENTS[name]
            elif name in MATOMO_AGENTS:
                yield case["user_agent"], MATOMO_AGENTS[name]


def bots(directory: Path) -> Iterator[str]:
    """Bot User-Agents from matomo's ``bots.yml`` and isbot's ``crawlers.yml``."""
    matomo = directory / "matomo-bots.yml"
    if matomo.exists():
        for case in _yaml(matomo):
            yield str(case["user_agent"])
    isbot = directory / "isbot-crawlers.yml"
    if isbot.exists():
        for agents in _yaml(isbot).values():
            yield from map(str, agents)


def browsers(directory: Path) -> Iterator[str]:
    """Browser User-Agents from isbot's ``browsers.yml``."""
    path = directory / "isbot-browsers.yml"
    if path.exists():
        for agents in _yaml(path).values():
            yield from map(str, agents)


# Matomo client names → jreject browser ids, for the User-Agent + Client Hints cases.
MATOMO_BROWSERS: dict[str, str] = {
    "Chrome": "chrome",
    "Chrome Mobile": "chrome",
    "Chrome Webview": "android_webview",
    "Microsoft Edge": "edge",
    "Opera": "opera",
    "Opera Mobile": "opera_mobile",
    "Yandex Browser": "yandex",
    "Samsung Browser": "samsung",
    "Brave": "brave",
    "Vivaldi": "vivaldi",
}


def hinted(directory: Path) -> Iterator[tuple[dict[str, str], tuple[str, int]]]:
    """``(headers, (browser id, major))`` from matomo's client-hints fixtures."""
    for path in sorted(directory.glob("matomo-clienthints*.yml")):
        for case in _yaml(path) or ():
            client = case.get("client") or {}
            browser = MATOMO_BROWSERS.get(client.get("name", ""))
            version = str(client.get("version") or "").split(".")[0]
            if browser is None or not version.isdigit():
                continue
            headers = {str(k): str(v) for k, v in (case.get("headers") or {}).items()}
            headers["User-Agent"] = str(case["user_agent"])
            yield headers, (browser, int(version))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print N misses of each kind")
    args = parser.parse_args()
    detector = Detector()
    modern = Minimum.preset("modern")

    cases = dict(humans(args.directory))
    wrong: collections.Counter[tuple[str, str | None]] = collections.Counter()
    doubts: collections.Counter[str] = collections.Counter()
    misses: list[str] = []
    for ua, expected in cases.items():
        got = detector(ua).caniuse_agent
        if got != expected:
            why = disputed(ua, expected, got)
            if why is not None:
                doubts[why] += 1
                continue
            wrong[expected, got] += 1
            misses.append(f"  {expected} ≠ {got}: {ua}")
    right = len(cases) - sum(wrong.values()) - sum(doubts.values())
    print(f"humans: caniuse agent right {right}/{len(cases)} = {right / max(len(cases), 1):.2%}")
    for (expected, got), count in wrong.most_common(10):
        print(f"  {count:5} {expected} → {got}")
    agreed = right + sum(doubts.values())
    print(
        f"humans: disputed labels {sum(doubts.values())}; right or disputed "
        f"{agreed}/{len(cases)} = {agreed / max(len(cases), 1):.2%}"
    )
    for why, count in doubts.most_common():
        print(f"  {count:5} {why}")

    bot_uas = sorted(set(bots(args.directory)))
    found = rejected = 0
    lost: list[str] = []
    for ua in bot_uas:
        client = detector(ua)
        found += client.is_bot
        if not client.is_bot:
            lost.append(ua)
            if not decide(client, modern).allowed:
                rejected += 1
                lost[-1] = "REJECTED " + ua
    print(f"bots: recall {found}/{len(bot_uas)} = {found / max(len(bot_uas), 1):.2%}")
    print(f"bots: rejected by modern {rejected}")

    hint_cases = list(hinted(args.directory))
    hint_right = 0
    for headers, expected in hint_cases:
        client = detector(headers)
        if (client.browser, client.major) == expected:
            hint_right += 1
        elif args.show:
            print(f"  hints {expected} ≠ {(client.browser, client.major)}: {headers}")
    print(
        f"UA + client hints: browser + major right {hint_right}/{len(hint_cases)} = "
        f"{hint_right / max(len(hint_cases), 1):.2%}"
    )

    browser_uas = sorted(set(browsers(args.directory)) - set(bot_uas))
    false_bots = [ua for ua in browser_uas if detector(ua).is_bot]
    print(f"browsers called bots: {len(false_bots)}/{len(browser_uas)}")
    if args.show:
        for title, rows in (
            ("agent misses", misses),
            ("bots rejected", [ua for ua in lost if ua.startswith("REJ")]),
            ("bots missed", lost),
            ("false bots", false_bots),
        ):
            print(title)
            for row in rows[: args.show]:
                print(" ", row[:240])


if __name__ == "__main__":
    main()
