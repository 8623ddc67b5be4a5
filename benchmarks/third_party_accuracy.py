"""Score detection on other projects' public test fixtures, read from a directory.

    python benchmarks/third_party_accuracy.py DIR [--show N]

The fixtures are not part of jreject (some are LGPL): put them in ``DIR`` first,
e.g. from the repositories' own checkouts::

    git -C device-detector show HEAD:Tests/fixtures/bots.yml > DIR/matomo-bots.yml
    (every Tests/fixtures/*.yml of matomo-org/device-detector as matomo-*.yml)
    git -C isbot show HEAD:fixtures/crawlers.yml > DIR/isbot-crawlers.yml
    git -C isbot show HEAD:fixtures/browsers.yml > DIR/isbot-browsers.yml
    git -C ua-parser-js show HEAD:test/data/ua/browser/browser-all.json \
        > DIR/uaparserjs-browser-all.json
    git -C ua-parser-js show HEAD:test/data/ua-ch/headers.js > DIR/uaparserjs-ua-ch-headers.js
    (and test/data/ua/extension/{crawler,fetcher,cli}.json as uaparserjs-{…}.json)
    git -C uap-core show HEAD:tests/test_ua.yaml > DIR/uap-core-test_ua.yaml
    (every test_resources/*.yaml of ua-parser/uap-core as uap-core-*.yaml)
    git -C Crawler-Detect show HEAD:tests/data/user_agent/crawlers.txt \
        > DIR/crawlerdetect-crawlers.txt
    git -C Crawler-Detect show HEAD:tests/devices.txt > DIR/crawlerdetect-devices.txt
    (JayBizzle/Crawler-Detect; devices.txt moved and grew past what a snapshot may hold:
    an older commit's, e.g. fa90177 of 2018, serves)
    for f in WhichBrowser-Parser/tests/data/*/*.yaml; do
        d=$(basename $(dirname $f)); cp $f DIR/whichbrowser-${d}__$(basename $f); done
    (every testsets/*.yaml of woothee/woothee as woothee-*.yaml)
    git -C bowser show HEAD:test/acceptance/useragentstrings.yml > DIR/bowser.yml

Sets whose files are absent are left out. What is scored:

* humans, per set (matomo device fixtures, ua-parser-js ``browser-all.json``, uap-core
  ``test_ua.yaml`` and ``test_resources``, WhichBrowser's cases that send only a
  User-Agent, labelled by browser, engine, OS and device type): for each browser whose
  label maps to a caniuse agent (the tables below; on iOS every browser is ``ios_saf``), the agent
  jreject reports against the one the label implies. Labels with no caniuse agent
  (Baidu, Whale, SeaMonkey …) are not scored, only counted. Misses where the
  fixture's label is the disputed one (see ``DISPUTED``) are counted and shown
  apart, never as right;
* bots, per set (matomo ``bots.yml``, isbot ``crawlers.yml``, ua-parser-js
  ``extension/{crawler,fetcher,cli}.json``, Crawler-Detect ``crawlers.txt``): recall
  (``Client.is_bot``) and how many a ``modern`` policy would reject (the target is none);
  WhichBrowser's cases whose device type is ``bot`` too, woothee's of category
  ``crawler`` and bowser's of platform type ``bot``;
* browsers (isbot ``browsers.yml``; ua-parser-js ``browser-all.json`` but its
  headless ones; matomo's browsers and in-app browsers, those of its mobile apps whose
  UA starts ``Mozilla/``; Crawler-Detect ``devices.txt``; WhichBrowser's other
  User-Agent-only cases; woothee's ``pc``, ``smartphone``, ``mobilephone`` and
  ``appliance`` cases, not its ``misc`` ones, which are HTTP libraries and feed readers;
  bowser's other cases but its headless ones): how many are called bots;
* User-Agent + Client Hints (matomo ``clienthints*.yml``, ua-parser-js ``headers.js``,
  a JavaScript module read with :mod:`jreject.data.jsliteral`, no node needed): browser
  id and major against the label, for labels that name a jreject browser id.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from jreject.data.jsliteral import find_literal
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
# label does not: (label, jreject's agent, a pattern the UA matches, why).
DISPUTED: tuple[tuple[str, str | None, str, str], ...] = (
    (
        "android",
        "samsung",
        r" Chrome/",
        "Samsung Internet 1.x-3.x (Version/1.x Chrome/18-38), labelled Chrome Webview",
    ),
    ("ie", "ie_mob", r"WPDesktop", "Windows Phone IE in desktop mode, labelled desktop IE"),
    ("ie", "ie_mob", r"IEMobile", "an IEMobile/ token, labelled desktop IE"),
    (
        "ie",
        "ie_mob",
        r"Windows NT 5\.1.*Windows Phone 6",
        "Windows Mobile 6.5's IE in desktop mode, labelled desktop IE",
    ),
    (
        "ie",
        "ie_mob",
        r"Windows CE",
        "IE on Windows CE (Pocket IE, a handheld's), labelled desktop IE",
    ),
    (
        "opera",
        "op_mob",
        r"Linux zbov",
        "Opera Mobile in desktop mode (Linux zbov), labelled desktop Opera",
    ),
    (
        "opera",
        "op_mob",
        r"DDIPOCKET|KDDI|FOMA|WILLCOM|MIDP",
        "Opera on a feature phone (a carrier's or MIDP's token), labelled desktop Opera",
    ),
    ("opera", "op_mob", r"Opera Mobi", "Opera Mobile's 'Opera Mobi' token, labelled desktop Opera"),
    (
        "chrome",
        "and_chr",
        r"Android",
        "Chrome on Android whose OS the fixture names Fire OS, Android TV …",
    ),
    (
        "opera",
        "op_mob",
        r"Android",
        "Opera for Android whose OS the fixture names Fire OS, Android TV …",
    ),
    (
        "edge",
        "and_chr",
        r"Android.*EdgA/",
        "Edge for Android (EdgA/) whose OS the fixture names Android TV, AOSP …",
    ),
    (
        "and_chr",
        "op_mob",
        r"OPR ?/",
        "Opera for Android (OPR/) labelled Chrome Mobile",
    ),
    ("opera", "op_mob", r"Symbian", "Opera on Symbian (a phone OS), labelled desktop Opera"),
    ("ie", "ie_mob", r"Symbian", "IE on Symbian (a phone OS), labelled desktop IE"),
    (
        "opera",
        "op_mob",
        r"Mobile Safari/.* OPR/1[45]\.",
        "Opera 14-15 saying Mobile Safari (Opera for Android; desktop Opera began at 15)",
    ),
    (
        "and_uc",
        "ie_mob",
        r"Windows Phone",
        "UC Browser on Windows Phone, which renders with IE Mobile's Trident",
    ),
    (
        "and_ff",
        "ios_saf",
        r"FxiOS/",
        "Firefox for iOS's FxiOS/ token on a UA that names Android",
    ),
    (
        "and_chr",
        "chrome",
        r"Chromebook",
        "a Chromebook's Android runtime (an Android token), labelled Chrome Mobile",
    ),
    (
        "safari",
        "android",
        r"\(Linux; U; [^()]* Build/",
        "an Android browser whose UA leaves the word Android out (a Build/ id), labelled Safari",
    ),
    (
        "safari",
        None,
        r"HbbTV|SmartTV|SMART-TV|QtEmbedded|DirectFB|Web0S|QtCarBrowser|Tizen",
        "an embedded WebKit (TV, set-top box, car, Tizen) labelled Safari: not Apple's Safari",
    ),
)


def disputed(ua: str, expected: str, got: str | None) -> str | None:
    """Why the fixture's label, not jreject, is the one in doubt; ``None`` if it is not."""
    for label, answer, pattern, why in DISPUTED:
        if (expected, got) == (label, answer) and re.search(pattern, ua):
            return why
    return None


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


# ua-parser-js browser names → the caniuse agent they imply (off iOS and Android).
UAPARSERJS_AGENTS: dict[str, str] = {
    "Chrome": "chrome",
    "Chromium": "chrome",
    "Mobile Chrome": "and_chr",
    "Chrome WebView": "android",
    "Firefox": "firefox",
    "Mobile Firefox": "and_ff",
    "Safari": "safari",
    "Mobile Safari": "ios_saf",
    "IE": "ie",
    "IEMobile": "ie_mob",
    "Edge": "edge",
    "Opera": "opera",
    "Opera Mobi": "op_mob",
    "Opera Tablet": "op_mob",
    "Opera Mini": "op_mini",
    "Samsung Internet": "samsung",
    "Android Browser": "android",
    "UCBrowser": "and_uc",
}
# uap-core families → the caniuse agent they imply (off iOS and Android).
UAP_CORE_AGENTS: dict[str, str] = {
    "Chrome": "chrome",
    "Chromium": "chrome",
    "Chrome Mobile": "and_chr",
    "Chrome Mobile WebView": "android",
    "Chrome Mobile iOS": "ios_saf",
    "Firefox": "firefox",
    "Firefox Mobile": "and_ff",
    "Firefox iOS": "ios_saf",
    "Safari": "safari",
    "Mobile Safari": "ios_saf",
    "Mobile Safari UI/WKWebView": "ios_saf",
    "IE": "ie",
    "IE Mobile": "ie_mob",
    "Edge": "edge",
    "Opera": "opera",
    "Opera Mobile": "op_mob",
    "Opera Tablet": "op_mob",
    "Opera Mini": "op_mini",
    "Samsung Internet": "samsung",
    "Android": "android",
    "UC Browser": "and_uc",
}
# A desktop browser's name on Android means its Android build; caniuse does not
# split phones from tablets. (A Chromebook's UA may carry an Android token too.)
_ANDROID_AGENTS: dict[str, str] = {
    "chrome": "and_chr",
    "firefox": "and_ff",
    "opera": "op_mob",
    "edge": "and_chr",
}
# An iOS device, or UC Browser's compact "IUC(U;iOS 5.1.1;…)"; not Firefox's "FxiOS".
_IOS_DEVICE = re.compile(r"\b(?:iPhone|iPad|iPod|iOS)\b")


def implied_agent(ua: str, name: str, agents: dict[str, str]) -> str | None:
    """The caniuse agent a label implies for ``ua``: on iOS every browser is ``ios_saf``."""
    agent = agents.get(name)
    if agent is None:
        return None
    if _IOS_DEVICE.search(ua) and "Windows Phone" not in ua:
        return "ios_saf"
    if "Android" in ua and "CrOS" not in ua:
        return _ANDROID_AGENTS.get(agent, agent)
    if agent == "and_uc" and re.search(r"Windows NT|Macintosh", ua):
        # UC Browser for PC and Mac, Chromium builds that caniuse's and_uc is not.
        return None
    return agent


@dataclass
class HumanSet:
    """One set's ``{user_agent: expected agent}`` and the labels it could not score."""

    name: str
    cases: dict[str, str] = field(default_factory=dict)
    skipped: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, ua: str, label: str, agent: str | None) -> None:
        if agent is None:
            self.skipped[label] += 1
        else:
            self.cases[ua] = agent


def matomo_humans(directory: Path) -> HumanSet:
    """Browsers from matomo's device fixtures."""
    found = HumanSet("matomo")
    for path in sorted(directory.glob("matomo-*.yml")):
        if any(skip in path.name for skip in _SKIP_FILES):
            continue
        for case in _yaml(path) or ():
            client = case.get("client") or {}
            if client.get("type") != "browser":
                continue
            os_name = (case.get("os") or {}).get("name") or ""
            name = str(client.get("name"))
            ua = str(case["user_agent"])
            if os_name in ("iOS", "iPadOS"):
                found.add(ua, name, "ios_saf")
            elif os_name == "KaiOS":
                # Matomo calls KaiOS's browser "Firefox Mobile"; caniuse's "kaios"
                # agent is that browser (Gecko 48 as KaiOS 2.5, Gecko 84 as 3.x).
                found.add(ua, name, "kaios")
            elif os_name == "Android" and name in MATOMO_ANDROID_AGENTS:
                found.add(ua, name, MATOMO_ANDROID_AGENTS[name])
            else:
                found.add(ua, name, MATOMO_AGENTS.get(name))
    return found


def humans(directory: Path) -> Iterator[tuple[str, str]]:
    """``(user_agent, expected agent)`` of matomo's browsers, as other benchmarks read them."""
    yield from matomo_humans(directory).cases.items()


def uaparserjs_humans(directory: Path) -> HumanSet:
    """Browsers from ua-parser-js's ``browser-all.json``."""
    found = HumanSet("ua-parser-js")
    path = directory / "uaparserjs-browser-all.json"
    if path.exists():
        for case in json.loads(path.read_text("utf-8")):
            name = str(case["expect"]["name"])
            ua = str(case["ua"])
            found.add(ua, name, implied_agent(ua, name, UAPARSERJS_AGENTS))
    return found


def uap_core_humans(directory: Path) -> HumanSet:
    """Browsers from uap-core's ``tests/test_ua.yaml`` and ``test_resources/*.yaml``."""
    found = HumanSet("uap-core")
    for path in sorted(directory.glob("uap-core-*.yaml")):
        for case in (_yaml(path) or {}).get("test_cases") or ():
            name = str(case["family"])
            ua = str(case["user_agent_string"])
            found.add(ua, name, implied_agent(ua, name, UAP_CORE_AGENTS))
    return found


# WhichBrowser's browser names → the caniuse agent on a desktop.
WHICHBROWSER_AGENTS: dict[str, str] = {
    "Chrome": "chrome",
    "Chromium": "chrome",
    "Firefox": "firefox",
    "Safari": "safari",
    "Internet Explorer": "ie",
    "Mobile Internet Explorer": "ie_mob",
    "Edge": "edge",
    "Opera": "opera",
    "Opera Mobile": "op_mob",
    "Opera Mini": "op_mini",
    "Samsung Internet": "samsung",
    "Android Browser": "android",
    "UC Browser": "and_uc",
}
# Their builds on a phone or a tablet, which caniuse counts apart.
_MOBILE_AGENTS: dict[str, str] = {
    "chrome": "and_chr",
    "firefox": "and_ff",
    "opera": "op_mob",
    "ie": "ie_mob",
}


def whichbrowser_cases(directory: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    """``(user_agent, result)`` of WhichBrowser's cases that send only a User-Agent."""
    for path in sorted(directory.glob("whichbrowser-*.yaml")):
        for case in _yaml(path) or ():
            headers = case.get("headers")
            if not isinstance(headers, str) or not headers.startswith("User-Agent: "):
                continue  # other headers too: not a User-Agent-only case
            result = case.get("result") or {}
            if case.get("detectBots") is not False:
                yield headers.removeprefix("User-Agent: "), result


def _whichbrowser_agent(result: dict[str, Any]) -> str | None:
    """The caniuse agent WhichBrowser's label implies: its browser's, on the OS and
    device type it names (every browser on iOS is ``ios_saf``)."""
    agent = WHICHBROWSER_AGENTS.get(str((result.get("browser") or {}).get("name")))
    os_name = (result.get("os") or {}).get("name")
    if agent is None:
        return None
    if os_name == "iOS":
        return "ios_saf"
    if agent == "edge":
        # EdgeHTML on a phone is still caniuse's Edge; Blink Edge on Android is not.
        engine = (result.get("engine") or {}).get("name")
        return "and_chr" if os_name == "Android" and engine == "Blink" else "edge"
    if os_name == "Android" or (result.get("device") or {}).get("type") in ("mobile", "tablet"):
        return _MOBILE_AGENTS.get(agent, agent)
    return agent


def _whichbrowser_bot(result: dict[str, Any]) -> bool:
    return (result.get("device") or {}).get("type") == "bot"


def whichbrowser_humans(directory: Path) -> HumanSet:
    """Browsers from WhichBrowser's fixtures, User-Agent-only cases."""
    found = HumanSet("WhichBrowser")
    for ua, result in whichbrowser_cases(directory):
        if not _whichbrowser_bot(result):
            name = str((result.get("browser") or {}).get("name"))
            found.add(ua, name, _whichbrowser_agent(result))
    return found


def whichbrowser_browsers(directory: Path) -> Iterator[str]:
    """The User-Agents of WhichBrowser's User-Agent-only cases that are not bots."""
    return (ua for ua, result in whichbrowser_cases(directory) if not _whichbrowser_bot(result))


def bots(directory: Path) -> Iterator[tuple[str, str]]:
    """``(set, user_agent)`` of bots: matomo ``bots.yml``, isbot ``crawlers.yml``,
    ua-parser-js's crawler, fetcher and command-line fixtures, Crawler-Detect's
    ``crawlers.txt`` and WhichBrowser's cases of device type ``bot``."""
    matomo = directory / "matomo-bots.yml"
    if matomo.exists():
        for case in _yaml(matomo):
            yield "matomo", str(case["user_agent"])
    isbot = directory / "isbot-crawlers.yml"
    if isbot.exists():
        for agents in _yaml(isbot).values():
            yield from (("isbot", str(agent)) for agent in agents)
    for kind in ("crawler", "fetcher", "cli"):
        path = directory / f"uaparserjs-{kind}.json"
        if path.exists():
            for case in json.loads(path.read_text("utf-8")):
                yield "ua-parser-js", str(case["ua"])
    yield from (("Crawler-Detect", ua) for ua in _lines(directory / "crawlerdetect-crawlers.txt"))
    for ua, result in whichbrowser_cases(directory):
        if _whichbrowser_bot(result):
            yield "WhichBrowser", ua
    yield from (
        ("woothee", ua) for ua, category in woothee_cases(directory) if category == "crawler"
    )
    yield from (("bowser", ua) for ua, kind in bowser_cases(directory) if kind == "bot")


def woothee_cases(directory: Path) -> Iterator[tuple[str, str]]:
    """``(user_agent, category)`` of woothee's test sets: crawler, pc, smartphone,
    mobilephone, appliance or misc."""
    for path in sorted(directory.glob("woothee-*.yaml")):
        for case in _yaml(path) or ():
            yield str(case["target"]), str(case.get("category", ""))


# Headless browsers bowser labels as browsers: automation, a bot either way.
_BOWSER_AUTOMATION = frozenset({"PhantomJS", "SlimerJS"})


def bowser_cases(directory: Path) -> Iterator[tuple[str, str]]:
    """``(user_agent, platform type)`` of bowser's acceptance list (``bot``, ``desktop``,
    ``mobile`` …), its headless browsers left out."""
    path = directory / "bowser.yml"
    if path.exists():
        for cases in _yaml(path).values():
            for case in cases:
                spec = case["spec"]
                if spec["browser"].get("name") not in _BOWSER_AUTOMATION:
                    yield str(case["ua"]), str((spec.get("platform") or {}).get("type"))


#: woothee's categories of people's devices; its "misc" holds HTTP libraries and feed readers.
_WOOTHEE_PEOPLE = frozenset({"pc", "smartphone", "mobilephone", "appliance"})


def _lines(path: Path) -> Iterator[str]:
    """The non-blank lines of a one-User-Agent-a-line file, if it exists."""
    if path.exists():
        for line in path.read_text("utf-8", errors="replace").splitlines():
            if line.strip():
                yield line.strip()


def browsers(directory: Path) -> Iterator[str]:
    """Browser User-Agents from isbot's ``browsers.yml``."""
    path = directory / "isbot-browsers.yml"
    if path.exists():
        for agents in _yaml(path).values():
            yield from map(str, agents)


# ua-parser-js labels these browsers, but they are automation: a bot either way.
_UAPARSERJS_AUTOMATION = frozenset({"Chrome Headless", "Lighthouse", "PhantomJS"})


def uaparserjs_browsers(directory: Path) -> Iterator[str]:
    """Browser User-Agents of ua-parser-js's ``browser-all.json``, automation left out."""
    path = directory / "uaparserjs-browser-all.json"
    if path.exists():
        for case in json.loads(path.read_text("utf-8")):
            if case["expect"]["name"] not in _UAPARSERJS_AUTOMATION:
                yield str(case["ua"])


def matomo_browsing(directory: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """``(kind, headers)`` of matomo's browsers and in-app browsers (a ``Mozilla/`` UA)."""
    for path in sorted(directory.glob("matomo-*.yml")):
        if "bots" in path.name:
            continue
        for case in _yaml(path) or ():
            kind = (case.get("client") or {}).get("type")
            ua = str(case["user_agent"])
            if kind == "browser" or (kind == "mobile app" and ua.startswith("Mozilla/")):
                headers = {str(k): str(v) for k, v in (case.get("headers") or {}).items()}
                headers["User-Agent"] = ua
                yield str(kind), headers


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


# ua-parser-js browser names → jreject browser ids, for its Client Hints cases.
UAPARSERJS_BROWSERS: dict[str, str] = {
    "Chrome": "chrome",
    "Chrome Headless": "chrome",
    "Chrome WebView": "android_webview",
    "Edge": "edge",
    "Edge WebView2": "edge_webview",
    "Opera": "opera",
    "Opera GX": "opera",
    "Opera Mobi": "opera_mobile",
    "Yandex": "yandex",
    "Samsung Internet": "samsung",
    "Brave": "brave",
    "Vivaldi": "vivaldi",
}


@dataclass
class HintSet:
    """One set's ``(headers, (browser id, major))`` cases and the labels it could not score."""

    name: str
    cases: list[tuple[dict[str, str], tuple[str, int]]] = field(default_factory=list)
    skipped: collections.Counter[str] = field(default_factory=collections.Counter)

    def add(self, headers: dict[str, str], label: str, browser: str | None, version: str) -> None:
        major = version.split(".")[0]
        if browser is None or not major.isdigit():
            self.skipped[label] += 1
        else:
            self.cases.append((headers, (browser, int(major))))


def matomo_hinted(directory: Path) -> HintSet:
    """Matomo's client-hints fixtures (a User-Agent and ``Sec-CH-UA*`` headers each)."""
    found = HintSet("matomo")
    for path in sorted(directory.glob("matomo-clienthints*.yml")):
        for case in _yaml(path) or ():
            client = case.get("client") or {}
            name = str(client.get("name"))
            headers = {str(k): str(v) for k, v in (case.get("headers") or {}).items()}
            headers["User-Agent"] = str(case["user_agent"])
            found.add(headers, name, MATOMO_BROWSERS.get(name), str(client.get("version") or ""))
    return found


def uaparserjs_hinted(directory: Path) -> HintSet:
    """ua-parser-js's ``test/data/ua-ch/headers.js``: ``Sec-CH-UA`` alone, no User-Agent."""
    found = HintSet("ua-parser-js")
    path = directory / "uaparserjs-ua-ch-headers.js"
    if path.exists():
        for case in find_literal(path.read_text("utf-8"), "UACHTests ="):
            browser = case["expect"]["browser"]
            name = str(browser["name"])
            headers = {str(k): str(v) for k, v in case["headers"].items()}
            found.add(headers, name, UAPARSERJS_BROWSERS.get(name), str(browser["version"] or ""))
    return found


def _skipped(skipped: collections.Counter[str]) -> str:
    if not skipped:
        return "none"
    top = ", ".join(f"{name} {count}" for name, count in skipped.most_common(6))
    return f"{sum(skipped.values())} ({top} …)"


def score_humans(detector: Detector, found: HumanSet) -> list[str]:
    """Print one set's agent score; return its misses (disputed ones left out)."""
    wrong: collections.Counter[tuple[str, str | None]] = collections.Counter()
    doubts: collections.Counter[str] = collections.Counter()
    misses: list[str] = []
    for ua, expected in found.cases.items():
        got = detector(ua).caniuse_agent
        if got != expected:
            why = disputed(ua, expected, got)
            if why is not None:
                doubts[why] += 1
                continue
            wrong[expected, got] += 1
            misses.append(f"  {found.name}: {expected} ≠ {got}: {ua}")
    total = len(found.cases)
    right = total - sum(wrong.values()) - sum(doubts.values())
    print(
        f"humans [{found.name}]: caniuse agent right {right}/{total} = "
        f"{right / max(total, 1):.2%}; labels with no caniuse agent, not scored: "
        f"{_skipped(found.skipped)}"
    )
    for (expected, got), count in wrong.most_common(10):
        print(f"  {count:5} {expected} → {got}")
    agreed = right + sum(doubts.values())
    print(
        f"humans [{found.name}]: disputed labels {sum(doubts.values())}; right or disputed "
        f"{agreed}/{total} = {agreed / max(total, 1):.2%}"
    )
    for why, count in doubts.most_common():
        print(f"  {count:5} {why}")
    return misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print N misses of each kind")
    args = parser.parse_args()
    detector = Detector()
    modern = Minimum.preset("modern")

    misses: list[str] = []
    for human_set in (
        matomo_humans(args.directory),
        uaparserjs_humans(args.directory),
        uap_core_humans(args.directory),
        whichbrowser_humans(args.directory),
    ):
        if human_set.cases or human_set.skipped:
            misses += score_humans(detector, human_set)

    bot_sets: dict[str, set[str]] = collections.defaultdict(set)
    for source, ua in bots(args.directory):
        bot_sets[source].add(ua)
    bot_uas = sorted(set().union(*bot_sets.values()))
    lost: list[str] = []
    for source, uas in bot_sets.items():
        found = rejected = 0
        for ua in sorted(uas):
            client = detector(ua)
            found += client.is_bot
            if not client.is_bot:
                lost.append(f"{source}: {ua}")
                if not decide(client, modern).allowed:
                    rejected += 1
                    lost[-1] = "REJECTED " + lost[-1]
        print(
            f"bots [{source}]: recall {found}/{len(uas)} = {found / max(len(uas), 1):.2%}; "
            f"rejected by modern {rejected}"
        )

    for hint_set in (matomo_hinted(args.directory), uaparserjs_hinted(args.directory)):
        if not (hint_set.cases or hint_set.skipped):
            continue
        hint_right = 0
        for headers, expected in hint_set.cases:
            client = detector(headers)
            if (client.browser, client.major) == expected:
                hint_right += 1
            elif args.show:
                print(f"  hints {expected} ≠ {(client.browser, client.major)}: {headers}")
        total = len(hint_set.cases)
        print(
            f"UA + client hints [{hint_set.name}]: browser + major right {hint_right}/{total} = "
            f"{hint_right / max(total, 1):.2%}; labels with no jreject id, not scored: "
            f"{_skipped(hint_set.skipped)}"
        )

    browser_uas = sorted(set(browsers(args.directory)) - set(bot_uas))
    false_bots = [ua for ua in browser_uas if detector(ua).is_bot]
    print(f"browsers called bots [isbot]: {len(false_bots)}/{len(browser_uas)}")
    for name, uas in (
        ("ua-parser-js", sorted(set(uaparserjs_browsers(args.directory)))),
        ("Crawler-Detect", sorted(set(_lines(args.directory / "crawlerdetect-devices.txt")))),
        ("WhichBrowser", sorted(set(whichbrowser_browsers(args.directory)))),
        (
            "woothee",
            sorted({ua for ua, kind in woothee_cases(args.directory) if kind in _WOOTHEE_PEOPLE}),
        ),
        ("bowser", sorted({ua for ua, kind in bowser_cases(args.directory) if kind != "bot"})),
    ):
        if uas:
            called = [ua for ua in uas if detector(ua).is_bot]
            print(f"browsers called bots [{name}]: {len(called)}/{len(uas)}")
            false_bots += [f"{name}: {ua}" for ua in called]
    browsing: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for kind, headers in matomo_browsing(args.directory):
        browsing[kind][1] += 1
        if detector(headers).is_bot:
            browsing[kind][0] += 1
            false_bots.append(f"matomo {kind}: {headers['User-Agent']}")
    for kind, (called, total) in sorted(browsing.items()):
        print(f"{kind}s called bots [matomo]: {called}/{total}")
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
