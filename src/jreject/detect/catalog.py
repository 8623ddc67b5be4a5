"""The canonical browser and OS ids detection produces, and what a policy may ask about them.

Ids are a contract with policies and configuration files: they never change
meaning. A browser's ``family`` is the browser a policy may fall back to when it
has no entry for this one (``firefox_esr`` → ``firefox``, ``chrome_ios`` →
``chrome``); falling back to the *Chromium* version of a Chromium-based browser is
a separate, explicit choice (see :func:`is_chromium_based` and
``Client.chromium_version``).

``engine`` here is the engine on the browser's main platform. In-app browsers run
whatever the platform gives them (WebKit on iOS, Android WebView elsewhere), so
theirs is ``unknown``: the per-request ``Client.engine`` is always the one to trust.
"""

from __future__ import annotations

from dataclasses import dataclass

from jreject.detect.client import Device, Engine

__all__ = [
    "BROWSERS",
    "DESKTOP_OSES",
    "GENERIC_BROWSERS",
    "IOS_OSES",
    "MOBILE_OSES",
    "OSES",
    "BrowserInfo",
    "OSInfo",
    "browser_ids",
    "browser_info",
    "engine_of",
    "family_of",
    "is_chromium_based",
    "os_ids",
    "os_info",
]


@dataclass(frozen=True, slots=True)
class BrowserInfo:
    """One canonical browser: its id, display name and how it maps to caniuse.

    ``desktop_agent`` / ``mobile_agent`` are the caniuse agent ids whose data applies
    on desktop and on phones/tablets; ``None`` when caniuse has no agent for it.
    ``ios_id`` is what the browser is called on iOS and iPadOS, where it runs Apple's
    WebKit (``chrome`` → ``chrome_ios``); ``generic`` marks ids that say only "some
    browser of this kind", whose display name is the one ua-parser read.
    """

    id: str
    name: str
    engine: Engine
    family: str
    desktop_agent: str | None
    mobile_agent: str | None
    chromium: bool = False
    ios_id: str | None = None
    generic: bool = False


@dataclass(frozen=True, slots=True)
class OSInfo:
    """One canonical operating system id, its display name and its class.

    ``form`` is ``"mobile"`` for phone and tablet systems (browsers there use their
    catalog ``mobile_agent``), ``"desktop"`` for desktop ones, ``"other"`` for the
    rest (TVs, unknown). ``webkit_only`` marks iOS and iPadOS, where every browser
    is WebKit. ``device`` is the device class a User-Agent on this OS has when
    nothing in it says more (a TV or tablet token, "Mobile").
    """

    id: str
    name: str
    form: str = "other"
    webkit_only: bool = False
    device: Device = "unknown"


def _b(
    id: str,
    name: str,
    engine: Engine,
    family: str,
    desktop: str | None,
    mobile: str | None,
    *,
    chromium: bool = False,
    ios: str | None = None,
    generic: bool = False,
) -> BrowserInfo:
    return BrowserInfo(id, name, engine, family, desktop, mobile, chromium, ios, generic)


# Chromium derivatives without a caniuse agent of their own use Chrome's data at
# their Chromium version: that is what browserslist-useragent does too.
_BROWSER_LIST: tuple[BrowserInfo, ...] = (
    _b("chrome", "Chrome", "blink", "chrome", "chrome", "and_chr", chromium=True, ios="chrome_ios"),
    _b(
        "chromium",
        "Chromium",
        "blink",
        "chrome",
        "chrome",
        "and_chr",
        chromium=True,
        ios="ios_webview",
        generic=True,
    ),
    _b("edge", "Microsoft Edge", "blink", "edge", "edge", "and_chr", chromium=True, ios="edge_ios"),
    _b(
        "edge_webview", "Microsoft Edge WebView2", "blink", "edge", "edge", "and_chr", chromium=True
    ),
    _b("edge_legacy", "Microsoft Edge (EdgeHTML)", "edgehtml", "edge", "edge", "edge"),
    _b("firefox", "Firefox", "gecko", "firefox", "firefox", "and_ff", ios="firefox_ios"),
    _b("firefox_esr", "Firefox ESR", "gecko", "firefox", "firefox", "and_ff"),
    _b("safari", "Safari", "webkit", "safari", "safari", "ios_saf"),
    _b("ie", "Internet Explorer", "trident", "ie", "ie", "ie_mob"),
    _b("ie_mobile", "IE Mobile", "trident", "ie", "ie_mob", "ie_mob"),
    _b("opera", "Opera", "blink", "opera", "opera", "op_mob", chromium=True, ios="opera_ios"),
    _b("opera_mini", "Opera Mini", "presto", "opera", "op_mini", "op_mini", ios="opera_ios"),
    _b(
        "opera_mobile",
        "Opera Mobile",
        "blink",
        "opera",
        "op_mob",
        "op_mob",
        chromium=True,
        ios="opera_ios",
    ),
    _b("samsung", "Samsung Internet", "blink", "samsung", "samsung", "samsung", chromium=True),
    _b("yandex", "Yandex Browser", "blink", "yandex", "chrome", "and_chr", chromium=True),
    _b("uc", "UC Browser", "blink", "uc", "and_uc", "and_uc", chromium=True),
    _b("vivaldi", "Vivaldi", "blink", "vivaldi", "chrome", "and_chr", chromium=True),
    _b("brave", "Brave", "blink", "brave", "chrome", "and_chr", chromium=True),
    _b(
        "android_webview",
        "Android WebView",
        "blink",
        "chrome",
        "android",
        "android",
        chromium=True,
        ios="ios_webview",
    ),
    _b("android", "Android Browser", "webkit", "android", "android", "android"),
    _b("chrome_ios", "Chrome on iOS", "webkit", "chrome", "ios_saf", "ios_saf"),
    _b("firefox_ios", "Firefox on iOS", "webkit", "firefox", "ios_saf", "ios_saf"),
    _b("edge_ios", "Edge on iOS", "webkit", "edge", "ios_saf", "ios_saf"),
    _b("opera_ios", "Opera on iOS", "webkit", "opera", "ios_saf", "ios_saf"),
    _b(
        "ios_webview",
        "In-app browser on iOS",
        "webkit",
        "safari",
        "ios_saf",
        "ios_saf",
        generic=True,
    ),
    _b("facebook", "Facebook in-app browser", "unknown", "facebook", None, None),
    _b("instagram", "Instagram in-app browser", "unknown", "instagram", None, None),
    _b("tiktok", "TikTok in-app browser", "unknown", "tiktok", None, None),
    _b("snapchat", "Snapchat in-app browser", "unknown", "snapchat", None, None),
    _b("line", "LINE in-app browser", "unknown", "line", None, None),
    _b("wechat", "WeChat in-app browser", "unknown", "wechat", None, None),
    _b("google_app", "Google app", "unknown", "google_app", None, None),
    _b("qq", "QQ Browser", "blink", "qq", "chrome", "and_qq", chromium=True),
    _b("baidu", "Baidu Browser", "blink", "baidu", "baidu", "baidu", chromium=True),
    _b("kaios", "KaiOS Browser", "gecko", "kaios", "kaios", "kaios"),
    _b("konqueror", "Konqueror", "webkit", "konqueror", None, None),
    _b("unknown", "Unknown browser", "unknown", "unknown", None, None, generic=True),
)

#: Every canonical browser, by id.
BROWSERS: dict[str, BrowserInfo] = {b.id: b for b in _BROWSER_LIST}

#: Every canonical operating system, by id.
OSES: dict[str, OSInfo] = {
    o.id: o
    for o in (
        OSInfo("windows", "Windows", "desktop", device="desktop"),
        OSInfo("windows_phone", "Windows Phone", "mobile", device="mobile"),
        OSInfo("macos", "macOS", "desktop", device="desktop"),
        OSInfo("ios", "iOS", "mobile", webkit_only=True, device="mobile"),
        OSInfo("ipados", "iPadOS", "mobile", webkit_only=True, device="tablet"),
        OSInfo("android", "Android", "mobile"),
        OSInfo("linux", "Linux", "desktop", device="desktop"),
        OSInfo("chromeos", "ChromeOS", "desktop", device="desktop"),
        OSInfo("kaios", "KaiOS", "mobile", device="mobile"),
        OSInfo("harmonyos", "HarmonyOS", "mobile"),
        OSInfo("tizen", "Tizen"),
        OSInfo("webos", "webOS"),
        OSInfo("blackberry", "BlackBerry", "mobile", device="mobile"),
        OSInfo("symbian", "Symbian", "mobile", device="mobile"),
        OSInfo("freebsd", "FreeBSD", "desktop", device="desktop"),
        OSInfo("fuchsia", "Fuchsia", "desktop"),
        OSInfo("unknown", "Unknown OS"),
    )
}

#: OSes on which a browser uses its catalog ``mobile_agent``.
MOBILE_OSES: frozenset[str] = frozenset(o.id for o in OSES.values() if o.form == "mobile")
#: Desktop OSes: a device there is a desktop unless client hints say otherwise.
DESKTOP_OSES: frozenset[str] = frozenset(o.id for o in OSES.values() if o.form == "desktop")
#: iOS and iPadOS: every browser there is WebKit.
IOS_OSES: frozenset[str] = frozenset(o.id for o in OSES.values() if o.webkit_only)
#: Browser ids that name only a kind of browser: the name ua-parser read says more.
GENERIC_BROWSERS: frozenset[str] = frozenset(b.id for b in _BROWSER_LIST if b.generic)


def browser_ids() -> tuple[str, ...]:
    """Every valid browser id, for validating a policy's keys."""
    return tuple(BROWSERS)


def os_ids() -> tuple[str, ...]:
    """Every valid OS id."""
    return tuple(OSES)


def browser_info(browser_id: str) -> BrowserInfo:
    """The catalog entry for ``browser_id``; raises ``KeyError`` naming the valid ids."""
    try:
        return BROWSERS[browser_id]
    except KeyError:
        raise KeyError(
            f"unknown browser id {browser_id!r}; expected one of {', '.join(BROWSERS)}"
        ) from None


def os_info(os_id: str) -> OSInfo:
    """The catalog entry for ``os_id``; raises ``KeyError`` naming the valid ids."""
    try:
        return OSES[os_id]
    except KeyError:
        raise KeyError(f"unknown OS id {os_id!r}; expected one of {', '.join(OSES)}") from None


def engine_of(browser_id: str) -> Engine:
    """The engine ``browser_id`` uses on its main platform (``unknown`` for in-app browsers)."""
    return browser_info(browser_id).engine


def family_of(browser_id: str) -> str:
    """The browser a policy may fall back to for ``browser_id`` (itself when none)."""
    return browser_info(browser_id).family


def is_chromium_based(browser_id: str) -> bool:
    """Whether ``browser_id`` is built on Chromium wherever it runs (never true on iOS)."""
    return browser_info(browser_id).chromium
