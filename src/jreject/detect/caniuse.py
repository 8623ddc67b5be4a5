"""caniuse agent and version for a detected browser (the table is in docs/detection.md).

Follows browserslist-useragent: every browser on iOS is ``ios_saf``; Chromium
derivatives without an agent of their own use Chrome's data at their Chromium
version; Android WebView and in-app browsers use the ``android`` agent, which
caniuse keeps for the stock browser up to 4.4.4 and for WebView after it.
"""

from __future__ import annotations

from jreject.detect.catalog import BROWSERS, IOS_OSES, MOBILE_OSES
from jreject.detect.fixups import (
    CFNETWORK,
    DALVIK,
    FIREFOX_VERSION,
    SAFARI_VERSION,
    BrowserFacts,
    token_version,
)

__all__ = ["caniuse_for"]

# Android 5 replaced the stock browser's WebKit with the Chromium WebView.
_FIRST_WEBVIEW_ANDROID = 5


def caniuse_for(
    facts: BrowserFacts, os: str, os_version: tuple[int, ...], mobile: bool, ua: str
) -> tuple[str | None, tuple[int, ...]]:
    """The caniuse agent and version whose data applies to this browser."""
    browser = facts.browser
    if os not in IOS_OSES and BROWSERS[browser].desktop_agent == "ios_saf":
        # An iOS browser asking for the desktop site as a Mac (iPadOS): still
        # WebKit, but its frozen macOS version says nothing about iPadOS.
        return "ios_saf", token_version(SAFARI_VERSION, ua)[:2]
    if os in IOS_OSES:
        if CFNETWORK in ua and "Mozilla/" not in ua:
            # An app's own fetch through Apple's network stack ("TikTok/131012
            # CFNetwork/978.0.7 Darwin/18.7.0"): its Darwin version is the system's,
            # but nothing renders what it fetches at any WebKit version.
            return "ios_saf", ()
        # Safari's Version/ is its WebKit release. Other iOS browsers run the
        # system WebKit, so the iOS version is the better floor unless Version/
        # (iOS 26, whose UA freezes the OS at 18.x) says more.
        safari = token_version(SAFARI_VERSION, ua)[:2] if "Version/" in ua else ()
        if browser == "safari" and safari:
            return "ios_saf", safari
        return "ios_saf", max(safari, os_version[:2])
    if browser == "kaios":
        return "kaios", facts.version[:2]
    if browser == "opera_mini":
        return "op_mini", ()
    if browser == "android":
        # The stock browser's version is its Android's (even past 4.4: an old WebKit that
        # caniuse's later "android" versions, the WebView's Chromium, are far ahead of).
        # An app's Dalvik client is no browser of any version.
        return "android", () if DALVIK in ua else os_version[:3]
    android_like = os == "android" and (
        browser == "android_webview"
        or BROWSERS[browser].engine == "unknown"
        or (browser == "chromium" and "; wv)" in ua)
    )
    if android_like and facts.engine == "blink":
        # The caniuse "android" agent is the stock browser up to 4.4.4, then WebView.
        if os_version and os_version[0] < _FIRST_WEBVIEW_ANDROID:
            return "android", os_version[:2]
        return "android", facts.chromium_version[:1]
    info = BROWSERS[browser]
    agent = info.mobile_agent if mobile or os in MOBILE_OSES else info.desktop_agent
    if agent is None:
        return _by_engine(facts, mobile or os in MOBILE_OSES, ua)
    if agent in ("chrome", "and_chr") and browser not in ("chrome",):
        return agent, facts.chromium_version[:1]
    # caniuse names these by major.minor; Presto Operas ("12.1") and IE 5.5 too.
    if agent in ("safari", "samsung", "and_uc", "and_qq", "baidu") or (
        facts.engine == "presto" or (agent == "ie" and facts.version[:1] == (5,))
    ):
        return agent, facts.version[:2]
    return agent, facts.version[:1]


def _by_engine(facts: BrowserFacts, mobile: bool, ua: str) -> tuple[str | None, tuple[int, ...]]:
    if facts.engine == "blink" and facts.chromium_version:
        return ("and_chr" if mobile else "chrome"), facts.chromium_version[:1]
    if facts.engine == "gecko":
        firefox = token_version(FIREFOX_VERSION, ua) or facts.engine_version
        if firefox:
            return ("and_ff" if mobile else "firefox"), firefox[:1]
    return None, ()
