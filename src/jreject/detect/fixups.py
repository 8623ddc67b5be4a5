"""From ua-parser's browser family to our canonical browser, version and engine.

ua-parser names the browser well; what it cannot know is what *we* need from the
name. This layer is small and each rule says why it exists:

* every browser on iOS/iPadOS is WebKit, so caniuse ``ios_saf`` applies, at the
  Safari version when the UA has ``Version/`` and at the iOS version otherwise;
* ``Edge/12``–``Edge/18`` is EdgeHTML (``edge_legacy``), ``Edg/`` is Chromium;
* IE in compatibility view says ``MSIE 7.0`` but ``Trident/7.0`` is IE 11
  (ua-parser gets this right; we derive the engine version from Trident);
* Android WebView (``; wv)``) and in-app browsers on Android use the caniuse
  ``android`` agent at their Chromium version (it tracks WebView since 37); older
  stock Android Browsers use it at the Android version;
* a Firefox whose major is a current ESR, older than the newest release, is
  ``firefox_esr``; the UA cannot tell ESR apart otherwise;
* browsers ua-parser does not know fall back on the engine their tokens show:
  ``Chrome/N`` → ``chromium`` (caniuse ``chrome`` N), ``Firefox/N`` with Gecko →
  caniuse ``firefox`` N, Safari-like WebKit → ``safari``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jreject.data import load
from jreject.detect.catalog import BROWSERS, IOS_OSES, MOBILE_OSES
from jreject.detect.client import Engine
from jreject.detect.platforms import version_tuple

__all__ = [
    "FAMILY_IDS",
    "FIREFOX_VERSION",
    "IOS_OSES",
    "MOBILE_OSES",
    "SAFARI_VERSION",
    "BrowserFacts",
    "resolve_browser",
    "token_version",
]

#: ua-parser browser families → canonical ids. Anything else falls back on its engine.
FAMILY_IDS: dict[str, str] = {
    "Chrome": "chrome",
    "Chrome Mobile": "chrome",
    "HeadlessChrome": "chrome",
    "Chromium": "chromium",
    "Chrome Mobile WebView": "android_webview",
    "Chrome Mobile iOS": "chrome_ios",
    "Edge": "edge",
    "Edge Mobile": "edge",
    "Firefox": "firefox",
    "Firefox Mobile": "firefox",
    "Firefox iOS": "firefox_ios",
    "Safari": "safari",
    "Mobile Safari": "safari",
    "Mobile Safari UI/WKWebView": "ios_webview",
    "IE": "ie",
    "IE Large Screen": "ie",
    "IE Mobile": "ie_mobile",
    "Opera": "opera",
    "Opera GX": "opera",
    "Opera Neon": "opera",
    "Opera Touch": "opera",
    "Opera Coast": "opera",
    "Opera Mobile": "opera_mobile",
    "Opera Mini": "opera_mini",
    "Samsung Internet": "samsung",
    "Yandex Browser": "yandex",
    "UC Browser": "uc",
    "Vivaldi": "vivaldi",
    "Brave": "brave",
    "Android": "android",
    "Facebook": "facebook",
    "Facebook Messenger": "facebook",
    "Instagram": "instagram",
    "TikTok": "tiktok",
    "Snapchat": "snapchat",
    "LINE": "line",
    "WeChat Browser": "wechat",
    "Google": "google_app",
    "QQ Browser": "qq",
    "QQ Browser Mobile": "qq",
    "QQ Browser Mini": "qq",
    "Baidu Browser": "baidu",
    "Baidu Explorer": "baidu",
    "Konqueror": "konqueror",
}

_IOS = IOS_OSES
_IOS_IDS: dict[str, str] = {
    "chrome": "chrome_ios",
    "firefox": "firefox_ios",
    "edge": "edge_ios",
    "opera": "opera_ios",
    "opera_mini": "opera_ios",
    "opera_mobile": "opera_ios",
    "android_webview": "ios_webview",
    "chromium": "ios_webview",
}
_IOS_TOKENS = ("CriOS/", "FxiOS/", "EdgiOS/", "OPiOS/", "OPT/")
# Ids whose catalog name is generic: the UA's own name says more ("Whale").
_NAMED_BY_FAMILY = frozenset({"chromium", "ios_webview", "unknown"})

_VERSION_AT = re.compile(r"\d+(?:\.\d+){0,3}")
_WEBKIT = re.compile(r"AppleWebKit/(\d+(?:\.\d+){0,2})")
_GECKO_RV = re.compile(r"\brv:(\d+(?:\.\d+){0,2})")
FIREFOX_VERSION = re.compile(r"Firefox/(\d+(?:\.\d+){0,2})")
_TRIDENT = re.compile(r"Trident/(\d+)\.(\d+)")
_MSIE = re.compile(r"MSIE \d")
_EDGEHTML = re.compile(r"\bEdge/(\d+)\.(\d+)")
_PRESTO = re.compile(r"Presto/(\d+(?:\.\d+){0,2})")
SAFARI_VERSION = re.compile(r"Version/(\d+(?:\.\d+){0,2})")
_SAMSUNG_OR_UC = re.compile(r"(?:SamsungBrowser|UCBrowser|UCWEB)/(\d+(?:\.\d+){0,2})")
_KAIOS = re.compile(r"KAIOS/(\d+(?:\.\d+){0,2})")
# Trident/N is IE N+4, whatever MSIE claims (compatibility view sends "MSIE 7.0").
_TRIDENT_TO_IE = 4
_IE_MAX = 11


@dataclass(frozen=True, slots=True)
class BrowserFacts:
    """What the User-Agent says about the browser, after our fix-ups."""

    browser: str
    name: str
    version: tuple[int, ...]
    version_string: str
    engine: Engine
    engine_version: tuple[int, ...]
    chromium_version: tuple[int, ...]


def token_version(pattern: re.Pattern[str], ua: str) -> tuple[int, ...]:
    """The version ``pattern``'s first group finds in ``ua``, as a tuple; ``()`` if none."""
    found = pattern.search(ua)
    return version_tuple(found.group(1)) if found else ()


def _chrome_version(ua: str) -> tuple[int, ...]:
    # str.find, then one anchored match: a regex search for the alternation would
    # try every position of the UA (this runs on most requests).
    start = ua.find("Chrome/")
    if start >= 0:
        start += len("Chrome/")
    else:
        start = ua.find("Chromium/")
        if start < 0:
            return ()
        start += len("Chromium/")
    found = _VERSION_AT.match(ua, start)
    return version_tuple(found.group()) if found else ()


def _engine(ua: str, os: str) -> tuple[Engine, tuple[int, ...]]:
    # Substring tests first: each costs a fraction of a regex search, and most
    # UAs are ruled out of most engines by them alone.
    if os in _IOS:
        return "webkit", token_version(_WEBKIT, ua)
    if "Trident/" in ua or "MSIE " in ua:
        found = _TRIDENT.search(ua)
        if found or ("Opera" not in ua and _MSIE.search(ua)):
            return "trident", (int(found.group(1)), int(found.group(2))) if found else ()
    if "Edge/" in ua:
        found = _EDGEHTML.search(ua)
        if found:
            return "edgehtml", (int(found.group(1)), int(found.group(2)))
    if "Presto/" in ua:
        return "presto", token_version(_PRESTO, ua)
    if "Gecko/" in ua and ("Firefox/" in ua or "rv:" in ua) and "like Gecko" not in ua:
        return "gecko", token_version(_GECKO_RV, ua)
    if "Chrom" in ua:
        chrome = _chrome_version(ua)
        if chrome:
            return "blink", chrome
    if "AppleWebKit/" in ua:
        return "webkit", token_version(_WEBKIT, ua)
    return "unknown", ()


@functools.cache
def _firefox_esr_majors() -> tuple[frozenset[int], int]:
    data = load()
    majors = frozenset(int(v.split(".")[0]) for v in data.firefox_esr if v.split(".")[0].isdigit())
    agent = data.agents.get("firefox")
    released = [
        int(v.version.split(".")[0])
        for v in (agent.released_versions if agent else ())
        if v.version.split(".")[0].isdigit()
    ]
    return majors, max(released, default=0)


def resolve_browser(
    ua: str,
    family: str | None,
    version: tuple[int, ...],
    version_string: str,
    os: str,
    engine_facts: tuple[Engine, tuple[int, ...]] | None = None,
) -> BrowserFacts:
    """Canonical browser facts from ua-parser's ``family``/``version`` and the raw ``ua``.

    ``engine_facts`` skips reading the engine from ``ua`` when the caller already
    knows it (the fast path does).
    """
    engine, engine_version = engine_facts or _engine(ua, os)
    browser = FAMILY_IDS.get(family or "")
    if browser is None and family and family.startswith("Firefox"):
        browser = "firefox"
    chromium = engine_version if engine == "blink" else ()

    if browser is None:
        browser = {"blink": "chromium", "trident": "ie"}.get(engine, "unknown")
        if engine == "webkit" and os in ("macos", *_IOS) and "Version/" in ua and "Safari/" in ua:
            browser = "safari"
    if os in _IOS:
        browser = _IOS_IDS.get(browser, browser)
        if browser == "safari" and "Version/" not in ua:
            browser = "ios_webview"
    elif engine == "webkit" and any(token in ua for token in _IOS_TOKENS):
        # An iOS browser on an iPad asking for the desktop site says "Macintosh".
        browser = _IOS_IDS.get(browser, browser)
    elif browser == "safari" and "Version/" not in ua:
        # Smart-TV and embedded WebKits that only say "Safari/": not Apple's Safari.
        browser = "unknown"
    elif browser == "ie" or browser == "ie_mobile":
        fixed = _ie_version(version, engine_version)
        if fixed != version:
            version, version_string = fixed, ".".join(map(str, fixed))
    elif browser == "edge" and engine == "edgehtml":
        browser = "edge_legacy"
    elif browser == "chrome" and "; wv)" in ua:
        browser = "android_webview"
    elif browser == "firefox" and "KAIOS/" in ua:
        browser = "kaios"
        version = token_version(_KAIOS, ua)
        version_string = ".".join(map(str, version))
    elif browser == "firefox" and os not in MOBILE_OSES and version:
        esr, newest = _firefox_esr_majors()
        if version[0] in esr and version[0] < newest:
            browser = "firefox_esr"

    if browser in ("safari", "opera") and engine in ("webkit", "presto"):
        # ua-parser reads Version/ too; be explicit since it is the one true version.
        version = token_version(SAFARI_VERSION, ua) or version
    elif browser in ("brave", "chromium"):
        # Brave's own version is its app version (1.x), and a Chromium derivative we
        # do not know has a version no policy can compare: both are judged, and
        # hinted, by their Chromium version.
        version = chromium
    elif browser in ("samsung", "uc") and not version:
        version = token_version(_SAMSUNG_OR_UC, ua)
    if browser == "unknown" and not version and engine == "gecko":
        version = token_version(FIREFOX_VERSION, ua)
    if not version_string or browser in ("safari", "brave", "opera", "chromium", "samsung"):
        version_string = ".".join(map(str, version))

    info = BROWSERS[browser]
    name = family if browser in _NAMED_BY_FAMILY and family and family != "Other" else info.name
    return BrowserFacts(browser, name, version, version_string, engine, engine_version, chromium)


def _ie_version(version: tuple[int, ...], trident: tuple[int, ...]) -> tuple[int, ...]:
    if trident:
        from_trident = min(trident[0] + _TRIDENT_TO_IE, _IE_MAX)
        if not version or from_trident > version[0]:
            return (from_trident, 0)
    return version
