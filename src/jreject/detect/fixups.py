"""ua-parser's answer, read into our terms: browser id, version and engine.

ua-parser names the browser well; this module only translates its family into a
canonical id (:data:`FAMILY_IDS`) and reads the engine from the User-Agent's tokens.
Every correction on top of that, each with its reason, is a row of the one table
in :mod:`jreject.detect.fixup_rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jreject.detect.catalog import BROWSERS, IOS_OSES
from jreject.detect.client import Engine
from jreject.detect.platforms import version_tuple

__all__ = [
    "CFNETWORK",
    "DALVIK",
    "FAMILY_IDS",
    "FIREFOX_VERSION",
    "SAFARI_VERSION",
    "BrowserFacts",
    "browser_facts",
    "read_engine",
    "resolve_browser",
    "token_version",
]

#: ua-parser browser families → canonical ids. Anything else is ``unknown`` until a
#: row of the fix-up table names it by its engine.
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
    # Firefox 2 and 3 pre-releases, under their codenames (ua-parser's other
    # Firefox builds all start "Firefox", below).
    "Bon Echo": "firefox",
    "GranParadiso": "firefox",
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

_VERSION_AT = re.compile(r"\d+(?:\.\d+){0,3}")
_WEBKIT = re.compile(r"AppleWebKit/(\d+(?:\.\d+){0,2})")
_GECKO_RV = re.compile(r"\brv:(\d+(?:\.\d+){0,2})")
FIREFOX_VERSION = re.compile(r"Firefox/(\d+(?:\.\d+){0,2})")
_TRIDENT = re.compile(r"Trident/(\d+)\.(\d+)")
_MSIE = re.compile(r"MSIE \d")
_EDGEHTML = re.compile(r"\bEdge/(\d+)(?:\.(\d+))?")
_PRESTO = re.compile(r"Presto/(\d+(?:\.\d+){0,2})")
SAFARI_VERSION = re.compile(r"Version/(\d+(?:\.\d+){0,2})")
#: The token of the HTTP client Android gives every app: parsers name it the Android
#: browser, but it renders no page and names no browser version.
DALVIK = "Dalvik/"
#: Apple's network stack, which names itself after the app on whose behalf it fetches
#: ("Podcasts/1.0 CFNetwork/1496.0.7 Darwin/23.0.0"): a native app's request, no page.
CFNETWORK = " CFNetwork/"


@dataclass(frozen=True, slots=True)
class BrowserFacts:
    """What the User-Agent says about the browser, after our fix-ups.

    ``family`` is ua-parser's own name for it (``""`` when it had none): the display
    name of ids that only say what kind of browser this is (``chromium``).
    """

    browser: str
    name: str
    version: tuple[int, ...]
    version_string: str
    engine: Engine
    engine_version: tuple[int, ...]
    chromium_version: tuple[int, ...]
    family: str = ""


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


def read_engine(ua: str, os: str) -> tuple[Engine, tuple[int, ...]]:
    """The rendering engine and its version, from the engine tokens of ``ua``.

    Every browser on iOS is WebKit. IE in compatibility view says ``MSIE 7.0`` but
    ``Trident/7.0``; ``Edge/12``–``Edge/18`` is EdgeHTML, ``Edg/`` is Chromium.
    """
    # Substring tests first: each costs a fraction of a regex search, and most
    # UAs are ruled out of most engines by them alone.
    if os in IOS_OSES:
        return "webkit", token_version(_WEBKIT, ua)
    if "Trident/" in ua or "MSIE " in ua:
        found = _TRIDENT.search(ua)
        if found or ("Opera" not in ua and _MSIE.search(ua)):
            return "trident", (int(found.group(1)), int(found.group(2))) if found else ()
    if "Edge/" in ua:
        found = _EDGEHTML.search(ua)
        if found:
            return "edgehtml", version_tuple(found.group(0)[5:])
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


def resolve_browser(
    ua: str,
    family: str | None,
    version: tuple[int, ...],
    version_string: str,
    os: str,
    engine_facts: tuple[Engine, tuple[int, ...]] | None = None,
) -> BrowserFacts:
    """ua-parser's ``family``/``version`` for ``ua``, as a canonical id and its engine.

    The corrections of :func:`jreject.detect.fixup_rules.apply_fixups` come after.
    ``engine_facts`` skips reading the engine from ``ua`` when the caller already
    knows it (the fast path does).
    """
    engine, engine_version = engine_facts or read_engine(ua, os)
    return browser_facts(family, version, version_string, engine, engine_version)


def browser_facts(
    family: str | None,
    version: tuple[int, ...],
    version_string: str,
    engine: Engine,
    engine_version: tuple[int, ...],
) -> BrowserFacts:
    """:func:`resolve_browser` once the engine is known: a function of its arguments
    alone, so the fast path keeps the answer for each product-token list it reads."""
    browser = FAMILY_IDS.get(family or "")
    if browser is None:
        # ua-parser has a family per Firefox build ("Firefox Beta", "Firefox Alpha" …).
        browser = "firefox" if family and family.startswith("Firefox") else "unknown"
    chromium = engine_version if engine == "blink" else ()
    known = family if family and family != "Other" else ""
    info = BROWSERS[browser]
    name = known if info.generic and known else info.name
    return BrowserFacts(
        browser, name, version, version_string, engine, engine_version, chromium, known
    )
