"""The one table of corrections applied after ua-parser: each row says what it fixes and why.

ua-parser answers "which product token is this"; :func:`~jreject.detect.fixups.resolve_browser`
turns its family into our id. A few User-Agent shapes mean more than their tokens,
and what *we* need from a browser is more than its name: every browser on iOS is
WebKit, ``Edge/15`` is EdgeHTML, an old Samsung Internet says only
``Version/1.0 Chrome/18``. Each :class:`Fixup` row names when it applies (the
browser id so far, the OS, the engine, plain substrings that must or must not be
present, a pattern that must match) and what it sets. Rows apply in order and
every row that matches applies, so a row sees what the rows above it decided.
``tests/detect/test_fixups.py`` has one test per row, from the row's own
``example``, and ``docs/detection.md`` lists them.

Every pattern here is a plain token followed by digits: no nested repeats and no
``.*``, so each search is linear in the length of the User-Agent.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from jreject.data import load
from jreject.detect.catalog import BROWSERS, IOS_OSES, MOBILE_OSES, OSES
from jreject.detect.client import Device, Engine
from jreject.detect.fixups import DALVIK, FIREFOX_VERSION, SAFARI_VERSION, BrowserFacts
from jreject.detect.platforms import Platform, version_tuple

__all__ = ["FIXUPS", "Fixup", "apply_fixups"]

VersionFrom = Literal["pattern", "chromium", "engine", "trident", "none"]


@dataclass(frozen=True, slots=True)
class Fixup:
    """One correction: when every condition holds, set the fields it names.

    Conditions: the browser id so far is one of ``browsers``, the OS one of ``oses``,
    the engine one of ``engines`` (``None``: any); every ``needle`` is in the UA (rarest
    first), at least one text of ``any_of`` is, and none of ``unless``; ``pattern``
    matches; ``when`` (for conditions that need data, such as Firefox's ESR majors)
    returns true. ``only_frozen`` limits a row to frozen OS versions,
    ``only_versionless`` to browsers with no version yet.

    Effects: ``browser`` (or ``to_ios``: the catalog's iOS id of the browser so far);
    the version from ``version_from`` (``pattern``'s first group when it matched, the
    Chromium version, the engine's version, IE's version from Trident, or none at
    all); ``engine`` (whose version is then the browser's); ``os`` with its version
    from ``os_pattern`` (or none, with ``clear_os_version``); ``device``.
    """

    name: str
    reason: str
    example: str
    needles: tuple[str, ...] = ()
    unless: tuple[str, ...] = ()
    any_of: tuple[str, ...] = ()
    browsers: frozenset[str] | None = None
    oses: frozenset[str] | None = None
    engines: frozenset[str] | None = None
    pattern: re.Pattern[str] | None = None
    when: Callable[[BrowserFacts, Platform], bool] | None = None
    only_frozen: bool = False
    only_versionless: bool = False
    browser: str | None = None
    to_ios: bool = False
    version_from: VersionFrom = "pattern"
    engine: Engine | None = None
    os: str | None = None
    os_pattern: re.Pattern[str] | None = None
    clear_os_version: bool = False
    device: Device | None = None


def _ids(*ids: str) -> frozenset[str]:
    return frozenset(ids)


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


def _is_esr(facts: BrowserFacts, platform: Platform) -> bool:
    if platform.os in MOBILE_OSES or not facts.version:
        return False
    esr, newest = _firefox_esr_majors()
    return facts.version[0] in esr and facts.version[0] < newest


def before_chromium_webview(facts: BrowserFacts, platform: Platform) -> bool:
    """Whether ``platform`` is an Android older than 5 (or of no version)."""
    # Android 4.4 replaced the WebKit WebView with Chromium, whose UAs say Chrome/.
    return not platform.version or platform.version[0] < _FIRST_CHROMIUM_ANDROID


_FIRST_CHROMIUM_ANDROID = 5
_ANDROID = _ids("android")
# UC Browser's compact form names no platform the reader knows, or iOS by "iPh OS".
_COMPACT = _ids("unknown", "ios", "ipados")
_APPLE = _ids("macos", *IOS_OSES)
_NOT_APPLE = frozenset(OSES) - _APPLE
_IOS = frozenset(IOS_OSES)
# Phones' and TVs' systems other than Apple's and Android, where no Safari ever ran.
_OTHER_DEVICE_OSES = _ids(
    "windows_phone", "kaios", "harmonyos", "tizen", "webos", "blackberry", "symbian"
)
_WITH_IOS_ID = frozenset(info.id for info in BROWSERS.values() if info.ios_id)

# Read by two rows each: UC Browser's compact form on iPhone and iPad
# ("pr(UCBrowser/11.3.5);ov(12_5_6)"), and the WAP-era "Android/4.2.2" of OEM builds.
_UC_COMPACT_VERSION = re.compile(r"pr\(UCBrowser(?:/(\d+(?:\.\d+){0,2}))?")
_UC_COMPACT_OS = re.compile(r"ov\((\d+(?:_\d+){0,2})\)")
_ANDROID_SLASH_VERSION = re.compile(r"Android/(\d+(?:\.\d+){0,2})")
# Presto Opera's own version, major and minor ("Version/11.50").
_PRESTO_VERSION = re.compile(r"Version/(\d+\.\d+)")

FIXUPS: tuple[Fixup, ...] = (
    # --- What ua-parser could not name, named by its engine. -------------------------
    Fixup(
        "unnamed-blink-is-chromium",
        "A browser ua-parser does not know that shows a Chrome/ token is a Chromium "
        "derivative: judged by its Chromium version, named by ua-parser's family.",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Whale/3.24.223.18 Safari/537.36",
        browsers=_ids("unknown"),
        engines=_ids("blink"),
        browser="chromium",
        version_from="chromium",
    ),
    Fixup(
        "opera-own-line-is-chromium",
        "Opera GX (OPX/) and Opera Touch (OPT/) for Android count versions of their own "
        "(2, 3), which no Opera table knows (read as Opera 3, every one was rejected): "
        "judged by their Chromium version.",
        "Mozilla/5.0 (Linux; Android 12; CPH2113 Build/SKQ1.210216.001) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/142.0.7444.171 Mobile Safari/537.36 OPX/3.0",
        any_of=("OPX/", "OPT/"),
        browsers=_ids("opera"),
        engines=_ids("blink"),
        browser="chromium",
        version_from="chromium",
    ),
    Fixup(
        "unnamed-trident-is-ie",
        "Any Trident UA ua-parser cannot name (an IE shell, a toolbar build) is IE.",
        "Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.1; Trident/6.0; Lunascape 6.1)",
        browsers=_ids("unknown"),
        engines=_ids("trident"),
        browser="ie",
    ),
    Fixup(
        "unnamed-presto-is-opera",
        "Presto is Opera's engine and only Opera's: Opera built into TVs and set-top "
        "boxes (HbbTV) says Opera/9.80 … Presto/ … Version/12.00 beside the TV's tokens.",
        "Opera/9.80 (Linux mips; U; HbbTV/1.1.1 (; Maker; Box9; 1.0; 1.0; ); en) "
        "Presto/2.10.287 Version/12.00",
        needles=("Opera",),
        browsers=_ids("unknown"),
        engines=_ids("presto"),
        browser="opera",
    ),
    Fixup(
        "unnamed-apple-webkit-is-safari",
        "A WebKit UA on an Apple OS with Version/ and Safari/ that ua-parser cannot "
        "name is Safari.",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.4 Safari/605.1.15 Sleipnir/6.5.2",
        needles=("Version/", "Safari/"),
        browsers=_ids("unknown"),
        oses=_APPLE,
        engines=_ids("webkit"),
        pattern=SAFARI_VERSION,
        browser="safari",
    ),
    # --- iOS: every browser there is WebKit. ------------------------------------------
    Fixup(
        "ios-browsers-are-webkit",
        "On iOS and iPadOS every browser runs Apple's WebKit: Chrome, Firefox, Edge and "
        "Opera there are their iOS ids, judged as iOS Safari.",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) OPiOS/16.0.15 Mobile/15E148 Safari/9537.53",
        browsers=_WITH_IOS_ID,
        oses=_IOS,
        to_ios=True,
    ),
    Fixup(
        "ios-safari-without-version-is-a-webview",
        "Safari on iOS always says Version/; without it the page is in an app's WebView.",
        "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mercury/8.9.4 Mobile/15E148 Safari/605.1.15",
        unless=("Version/",),
        browsers=_ids("safari"),
        oses=_IOS,
        browser="ios_webview",
    ),
    Fixup(
        "ios-browser-asking-for-the-desktop-site",
        "An iOS browser on an iPad asking for the desktop site says Macintosh but keeps "
        "its CriOS/, FxiOS/, EdgiOS/ or OPiOS/ token: still WebKit on iPadOS.",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.0 EdgiOS/126.2592.86 Safari/605.1.15",
        browsers=_WITH_IOS_ID,
        oses=_ids("macos"),
        engines=_ids("webkit"),
        pattern=re.compile(r"CriOS/|FxiOS/|EdgiOS/|OPiOS/|OPT/"),
        to_ios=True,
    ),
    # --- Safari outside Apple's systems. ----------------------------------------------
    Fixup(
        "safari-without-version-is-an-embedded-webkit",
        "Smart-TV and embedded WebKits say Safari/ but not Version/: not Apple's Safari, "
        "and their WebKit build says nothing a policy can compare. On a Mac it is Safari: "
        "Safari 1 and 2 had no Version/ yet.",
        "Mozilla/5.0 (SmartHub; SMART-TV; U; Linux/SmartTV) AppleWebKit/534.7 (KHTML, "
        "like Gecko) SmartTV Safari/534.7",
        unless=("Version/",),
        browsers=_ids("safari"),
        oses=_NOT_APPLE,
        browser="unknown",
    ),
    Fixup(
        "safari-network-fetch",
        "Safari's own network fetches (Top Sites, downloads) send Safari/<build> "
        "CFNetwork/… Darwin/…, and its WebKit's networking process names itself "
        "com.apple.WebKit.Networking/<build>: Safari on that Mac, at no version the UA says.",
        "Safari/9537.85.15.3 CFNetwork/673.5 Darwin/13.4.0 (x86_64) (MacPro3%2C1)",
        needles=("CFNetwork/", "Darwin/"),
        browsers=_ids("unknown", "safari"),
        oses=_ids("macos"),
        pattern=re.compile(r"^(?:Safari|com\.apple\.WebKit\.Networking)/?\d"),
        browser="safari",
        version_from="none",
    ),
    Fixup(
        "safari-on-android-is-the-android-browser",
        "Android's stock browser says Version/4.0 … Safari/; when an odd Android token "
        "(Android OUYA 4.1.2) hides it from ua-parser it reads Safari, which never ran "
        "on Android.",
        "Mozilla/5.0 (Linux; U; Android ACME 4.1.2; en-us; ACME Build/JZO54L) "
        "AppleWebKit/534.30 (KHTML, like Gecko) Version/4.0 Safari/534.30",
        browsers=_ids("safari"),
        oses=_ANDROID,
        browser="android",
    ),
    Fixup(
        "safari-on-another-device-os",
        "Tizen's, webOS's, BlackBerry's or Symbian's own WebKit says Version/<its OS "
        "version> Mobile Safari/: not Apple's Safari, which never ran there, and no caniuse "
        "agent has its data (read as Safari, Tizen 2.3 was iOS Safari 2 and rejected).",
        "Mozilla/5.0 (Linux; Tizen 2.3; SAMSUNG SM-Z130H) AppleWebKit/537.3 (KHTML, like "
        "Gecko) Version/2.3 Mobile Safari/537.3",
        browsers=_ids("safari"),
        oses=_OTHER_DEVICE_OSES,
        browser="unknown",
    ),
    # --- Versions and engines that the product token alone gets wrong. ---------------
    Fixup(
        "ie-version-from-msie",
        "An IE shell (MyIE2, Maxthon 1, Crazy Browser, Avant …) is IE underneath, but "
        "ua-parser versions it as the shell (MyIE2 0, Maxthon 2.0): IE's version is the "
        "MSIE token's.",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; MyIE2; SV1; .NET CLR 1.1.4322)",
        needles=("MSIE ",),
        browsers=_ids("ie"),
        engines=_ids("trident"),
        pattern=re.compile(r"MSIE (\d+(?:\.\d+)?)"),
    ),
    Fixup(
        "ie-version-from-trident",
        "IE in compatibility view says MSIE 7.0, but Trident/N is IE N+4 (Trident/7.0 is IE 11); "
        "Outlook's embedded IE, which ua-parser versions by Office's year (2010), too.",
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/5.0; Lunascape 6.0)",
        browsers=_ids("ie", "ie_mobile"),
        engines=_ids("trident"),
        version_from="trident",
    ),
    Fixup(
        "edgehtml-is-edge-legacy",
        "Edge/12 to Edge/18 is EdgeHTML, a different engine from today's Chromium Edge "
        "(Edg/); on Windows 10 Mobile ua-parser reads its Chrome/ token instead.",
        "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Maker; Phone) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/52.0.2743.116 Mobile Safari/537.36 Edge/15.15063",
        browsers=_ids("edge", "chrome", "chromium"),
        engines=_ids("edgehtml"),
        browser="edge_legacy",
        version_from="engine",
    ),
    Fixup(
        "android-webview-token",
        "Chrome's WebView on Android adds '; wv)': an app's WebView, not the Chrome app "
        "(ua-parser knows this, but not when the Chrome/ version was cut short).",
        "Mozilla/5.0 (Linux; Android 9; Phone X Build/PKQ1; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/81.0.40",
        needles=("; wv)",),
        browsers=_ids("chrome"),
        browser="android_webview",
    ),
    Fixup(
        "android-webview-version-token",
        "Before the wv token (Android 4.4-4.x), a WebView said Version/4.0 right before "
        "Chrome/; ua-parser reads it only with a four-part Chrome version, so a shorter "
        "one (Chrome/30.0) came out as Chrome.",
        "Mozilla/5.0 (Linux; Android 4.4; Phone X Build/KOT49H) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/30.0 Mobile Safari/537",
        needles=("Version/4.0 Chrome/",),
        unless=("; wv)",),
        browsers=_ids("chrome"),
        oses=_ANDROID,
        browser="android_webview",
    ),
    Fixup(
        "wechat-webview",
        "WeChat's browser on Android is a WebView that ua-parser names as such, though it "
        "says MicroMessenger/ as on iOS (where it is WeChat): one id on both, so that a "
        "policy naming wechat reads it; judged by its Chromium, as any WebView.",
        "Mozilla/5.0 (Linux; Android 14; 23127PN0CC Build/UKQ1.230804.001; wv) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/130.0.6723.103 Mobile "
        "Safari/537.36 XWEB/1300467 MMWEBSDK/20241103 MicroMessenger/8.0.49.2600(0x28003133) "
        "WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64",
        needles=("MicroMessenger/",),
        browsers=_ids("android_webview"),
        browser="wechat",
        pattern=re.compile(r"MicroMessenger/(\d+(?:\.\d+){0,2})"),
    ),
    Fixup(
        "kaios-browser",
        "KaiOS's browser is a Gecko that says Firefox/48 and KAIOS/2.5 (KaiOS/1.0 on the "
        "first phones): caniuse has it as its own agent, versioned by KaiOS.",
        "Mozilla/5.0 (Mobile; Phone_3G; rv:48.0) Gecko/48.0 Firefox/48.0 KAIOS/2.5.1",
        browsers=_ids("firefox"),
        pattern=re.compile(r"K(?:AIOS|aiOS)/(\d+(?:\.\d+){0,2})"),
        browser="kaios",
    ),
    Fixup(
        "firefox-esr",
        "A desktop Firefox whose major is a current ESR, older than the newest release, "
        "is Firefox ESR: the UA cannot tell it apart otherwise.",
        "Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0",
        browsers=_ids("firefox"),
        when=_is_esr,
        browser="firefox_esr",
    ),
    Fixup(
        "safari-and-presto-opera-version",
        "Safari's and Presto Opera's own version is Version/ (Opera/9.80 is frozen).",
        "Opera/9.80 (Linux armv7l; HbbTV/1.2.1 (; Maker; TV2015; V1.0;;)) Presto/2.12.407 "
        "Version/12.51",
        needles=("Version/",),
        browsers=_ids("safari", "opera"),
        engines=_ids("webkit", "presto"),
        pattern=SAFARI_VERSION,
    ),
    Fixup(
        "chromium-version",
        "Brave's UA carries only Chrome/, and a Chromium derivative we do not know has "
        "a version no policy can compare: both are judged by their Chromium version.",
        "Mozilla/5.0 (Linux; Android 14; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Mobile Safari/537.36 Brave/1.67.123",
        browsers=_ids("brave", "chromium"),
        version_from="chromium",
    ),
    Fixup(
        "unnamed-gecko-version",
        "A Gecko browser ua-parser cannot name is judged by its Firefox/ token.",
        "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0 YottaaMonitor",
        needles=("Firefox/",),
        browsers=_ids("unknown"),
        engines=_ids("gecko"),
        only_versionless=True,
        pattern=FIREFOX_VERSION,
    ),
    # --- User-Agent shapes that mean more than their tokens. --------------------------
    Fixup(
        "samsung-internet-1-3",
        "Samsung Internet before 4.0 sent no SamsungBrowser/ token: a Samsung model (SAMSUNG, "
        "Galaxy, or a SM-, GT-, SGH-, SCH-, SHV-, SPH- model number, or a Japanese carrier's "
        "SC-, SCL, SCT, SCV), Version/1.x-3.x (early builds "
        "add a date, Version/1.0.130207) and an old Chrome/ (ua-parser reads the Android "
        "browser).",
        "Mozilla/5.0 (Linux; Android 4.4.2; SAMSUNG SM-G900F Build/KOT49H) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/1.5 Chrome/28.0.1500.94 Mobile Safari/537.36",
        needles=("Version/", " Chrome/"),
        any_of=(
            *("SAMSUNG", "SM-", "GT-", "SGH-", "SCH-", "SHV-", "SPH-", "Galaxy"),
            # Japanese carriers' Galaxy models: SC-01F (docomo), SCL22, SCT21, SCV31 (au),
            # 403SC (SoftBank).
            *("SC-0", "SCL2", "SCT2", "SCV3", "SC Build/"),
        ),
        browsers=_ids("android", "android_webview", "chrome", "chromium"),
        oses=_ANDROID,
        pattern=re.compile(r"Version/([1-3]\.\d+)(?:\.\d+)? +Chrome/"),
        browser="samsung",
    ),
    Fixup(
        "windows-phone-desktop-mode",
        "IE Mobile on Windows Phone 8.1 asking for desktop sites says Windows NT 6.2 "
        "and adds WPDesktop: still the phone's IE Mobile.",
        "Mozilla/5.0 (Windows NT 6.2; ARM; Trident/7.0; Touch; rv:11.0; WPDesktop; Lumia 930) "
        "like Gecko",
        needles=("WPDesktop",),
        engines=_ids("trident"),
        browser="ie_mobile",
        os="windows_phone",
        clear_os_version=True,
        device="mobile",
    ),
    Fixup(
        "windows-phone-7-desktop-mode",
        "IE Mobile on Windows Phone 7 asking for desktop sites says Windows NT and adds "
        "ZuneWP7 (with XBLWP7).",
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.2; Trident/3.1; XBLWP7; ZuneWP7; "
        "Nokia 920)",
        needles=("ZuneWP7",),
        engines=_ids("trident"),
        browser="ie_mobile",
        os="windows_phone",
        clear_os_version=True,
        device="mobile",
    ),
    Fixup(
        "windows-mobile-6-desktop-mode",
        "IE on Windows Mobile 6.5 asking for desktop sites says Windows NT 5.1 and names "
        "the phone's OS after it: IE Mobile on Windows Phone 6.5.",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; HTC_HD2_T8585; Windows Phone 6.5)",
        needles=("Windows Phone ",),
        oses=_ids("windows"),
        engines=_ids("trident"),
        browser="ie_mobile",
        os="windows_phone",
        os_pattern=re.compile(r"Windows Phone (\d+\.\d+)"),
        device="mobile",
    ),
    Fixup(
        "ie-on-windows-ce",
        "IE on Windows CE (handhelds, Windows Mobile before 6.5) is Pocket IE: IE Mobile.",
        "Mozilla/4.0 (compatible; MSIE 6.0; Windows CE; Toshiba/X01T)",
        needles=("Windows CE",),
        browsers=_ids("ie"),
        browser="ie_mobile",
        device="mobile",
    ),
    Fixup(
        "iemobile-token",
        "IE Mobile names itself IEMobile/, sometimes with a space ua-parser's rule does not "
        "allow (IEMobile/ 7.0): the token alone makes it IE Mobile.",
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows Phone OS 7.0; Trident/3.1; IEMobile/ 7.0; "
        "HTC; HD7 T9292)",
        needles=("IEMobile", "Trident/"),
        engines=_ids("trident"),
        browser="ie_mobile",
    ),
    Fixup(
        "uc-browser-compact-iphone",
        "UC Browser for iOS sends a compact dv(…);pr(…);ov(…) form: an iPhone, whose "
        "browsers are all WebKit at the iOS version in ov(…). Old ones omit the version.",
        "dv(iPh7,1);pr(UCBrowser/11.3.5.1203);ov(12_5_6);ss(414x736);bt(GJ);pm(0);bv(0);nm(0);",
        needles=("dv(iPh", "pr(UCBrowser"),
        oses=_COMPACT,
        pattern=_UC_COMPACT_VERSION,
        browser="uc",
        os="ios",
        os_pattern=_UC_COMPACT_OS,
        device="mobile",
    ),
    Fixup(
        "uc-browser-compact-ipad",
        "UC Browser's compact form on an iPad: iPadOS at the version in ov(…).",
        "dv(iPad4,1);pr(UCBrowser/11.3.5.1203);ov(12_4);ss(1024x768);bt(GJ);pm(0);bv(0);",
        needles=("dv(iPad", "pr(UCBrowser"),
        oses=_COMPACT,
        pattern=_UC_COMPACT_VERSION,
        browser="uc",
        os="ipados",
        os_pattern=_UC_COMPACT_OS,
        device="tablet",
    ),
    Fixup(
        "uc-browser-old-android-form",
        "Early UC Browser for Android put a bare 'UC' before AppleWebKit and no "
        "version: UC Browser, not the Android browser its other tokens suggest.",
        "Mozilla/5.0 (Linux; U; Android 2.3.5; en-us; Phone Build/GRJ90) UC AppleWebKit/530+ "
        "(KHTML, like Gecko) Mobile Safari/530",
        needles=("UC AppleWebKit",),
        oses=_ANDROID,
        pattern=re.compile(r"\bUC AppleWebKit[ /]"),
        browser="uc",
        version_from="none",
    ),
    Fixup(
        "uc-browser-lite-token",
        "UC Browser Lite for Android names itself UCLite/ in an Android WebView's User-Agent: "
        "UC Browser at that version, not the WebView.",
        "Mozilla/5.0 (Linux; U; Android 6.0.1; en-US; Phone Build/MMB29M) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/40.0.2214.89 UCLite/11.6.2.4 Mobile Safari/537.36",
        needles=("UCLite/",),
        oses=_ANDROID,
        pattern=re.compile(r"UCLite/(\d+(?:\.\d+){0,3})"),
        browser="uc",
    ),
    Fixup(
        "uc-browser-java-form",
        "UC Browser for Symbian and Java phones writes (<phone>)UC AppleWebkit(like Gecko), "
        "and on BREW phones names itself Ucweb/ or ucweb-squid: UC Browser, whose "
        "version these forms do not give.",
        "Mozilla/5.0 (Nokia5230)UC AppleWebkit(like Gecko) Safari/530",
        any_of=("UC AppleWebkit(", "Ucweb/", "ucweb-squid"),
        browsers=_ids("unknown"),
        browser="uc",
        version_from="none",
        device="mobile",
    ),
    Fixup(
        "opera-tablet-presto",
        "Presto Opera for Android tablets says Opera Tablet/: Opera Mobile, at Version/.",
        "Opera/9.80 (Android 3.2.1; Linux; Opera Tablet/ADR-1109081720; U; en) Presto/2.8.149 "
        "Version/11.10",
        needles=("Opera Tablet/", "Presto/"),
        engines=_ids("presto"),
        pattern=_PRESTO_VERSION,
        browser="opera_mobile",
        device="tablet",
    ),
    Fixup(
        "opera-mobile-desktop-mode",
        "Presto Opera Mobile asking for desktop sites poses as Linux with the made-up "
        "machine zbov: Opera Mobile, at Version/.",
        "Opera/9.80 (X11; Linux zbov; U; en) Presto/2.9.201 Version/11.50",
        needles=("Linux zbov",),
        engines=_ids("presto"),
        pattern=_PRESTO_VERSION,
        browser="opera_mobile",
        device="mobile",
    ),
    Fixup(
        "opera-mini-desktop-mode",
        "Opera Mini asking for desktop sites poses as Presto Opera on Linux with the "
        "made-up machine zvav: Opera Mini, whose pages its servers render.",
        "Opera/9.80 (X11; Linux zvav; U; en) Presto/2.8.119 Version/11.10",
        needles=("Linux zvav",),
        engines=_ids("presto"),
        browser="opera_mini",
        version_from="none",
        device="mobile",
    ),
    Fixup(
        "opera-mini-bare-token",
        "Opera Mini on Samsung's Bada phones writes OperaMini/ as one word, which "
        "ua-parser does not read: Opera Mini, whose pages its servers render.",
        "Mozilla/5.0 (SAMSUNG; SAMSUNG-GT-S7230-VODAFONE/1.0; U; Bada/1.0; en-us) "
        "OperaMini/5.0.21073 Mobile WVGA SMM-MMS/1.2.0 NexPlayer/3.0",
        needles=("OperaMini/",),
        browsers=_ids("unknown"),
        browser="opera_mini",
        version_from="none",
        device="mobile",
    ),
    Fixup(
        "opera-on-a-handset",
        "Opera Mobile on Windows Mobile and feature phones puts the handset's name before "
        "its Opera token (HTC_HD2_T8585 Opera/9.7 (Windows NT 5.1; …)); desktop Opera's "
        "User-Agent starts with Opera or Mozilla: Opera Mobile.",
        "HTC_Touch_HD_T8282 Opera/9.50 (Windows NT 5.1; U; en)",
        needles=("Opera",),
        browsers=_ids("opera"),
        engines=_ids("presto", "unknown"),
        pattern=re.compile(r"^(?!Opera|Mozilla)\w"),
        browser="opera_mobile",
        device="mobile",
    ),
    Fixup(
        "opera-wap-release-format",
        "Feature phones' WAP-era form, Model/1.0 … Release/… Browser/Opera8.00 Profile/MIDP "
        "(or OPERA/BER2.2), names Opera in a way ua-parser does not read: Opera Mobile.",
        "MOT-A1200e/1.0 LinuxOS/2.4.20 Release/1.31.2007 Browser/Opera8.00 Profile/MIDP-2.0 "
        "Configuration/CLDC-1.1",
        needles=("MIDP",),
        any_of=("Browser/Opera", " OPERA/"),
        browsers=_ids("unknown"),
        pattern=re.compile(r"Browser/Opera(\d+\.\d+)?| OPERA/"),
        browser="opera_mobile",
        device="mobile",
    ),
    Fixup(
        "opera-on-android-is-opera-mobile",
        "Opera for Android says OPR/ (its own version) without Mobile on tablets and TVs, "
        "and some builds drop Chrome/ so ua-parser reads the Android browser: on Android, "
        "an OPR/ token is Opera Mobile.",
        "Mozilla/5.0 (Linux; U; Android 11; en-US; Phone Build/RP1A) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 OPR/12.52.0.8 Mobile Safari/537.36",
        needles=("OPR/",),
        browsers=_ids("opera", "android", "chrome"),
        oses=_ANDROID,
        pattern=re.compile(r"OPR/(\d+(?:\.\d+){0,3})"),
        browser="opera_mobile",
    ),
    Fixup(
        "android-oem-release-format",
        "Some Android phones' stock browsers send a WAP-era form, Model/1.0 Android/4.2.2 "
        "[Release/…] Browser/…, with no Mozilla comment: the Android browser.",
        "samsung-GT-I9300/1.0 Linux/2.6.35.7 Android/4.0.4 Release/04.18.2013 "
        "Browser/AppleWebKit533.1 (KHTML, like Gecko) Mozilla/5.0 Mobile",
        needles=("Android/", "Browser/"),
        unless=("Chrome",),
        browsers=_ids("unknown", "android"),
        browser="android",
        os="android",
        os_pattern=_ANDROID_SLASH_VERSION,
        device="mobile",
    ),
    Fixup(
        "android-oem-release-format-chrome",
        "The same WAP-era form with Browser/Chrome40.0.2214.114: Chrome for Android (with "
        "Browser/AppleWebKit… Chrome/30, ua-parser reads Chrome itself).",
        "m2 note/4.5 Linux/3.10.65 Android/5.1 Release/07.29.2015 Browser/Chrome40.0.2214.114 "
        "Profile/MIDP-2.0 Configuration/CLDC-1.1",
        needles=("Browser/Chrome", "Android/"),
        oses=_ANDROID,
        pattern=re.compile(r"Browser/Chrome(\d+(?:\.\d+){0,3})"),
        browser="chrome",
        os="android",
        os_pattern=_ANDROID_SLASH_VERSION,
        device="mobile",
    ),
    Fixup(
        "chrome-on-android-without-version",
        "A privacy tool that strips versions leaves Chrome/ bare on Chrome for Android; "
        "ua-parser then reads the Android browser. Without a WebView's Version/4.0 it "
        "is Chrome, of no version.",
        "Mozilla/5.0 (Linux; Android 7.0; vivo 1714 Build/NRD90M) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/ Mobile Safari/537.36",
        needles=("Chrome/",),
        unless=("Version/", "; wv)"),
        browsers=_ids("android"),
        oses=_ANDROID,
        pattern=re.compile(r"Chrome/(?!\d)"),
        browser="chrome",
        version_from="none",
    ),
    Fixup(
        "unnamed-android-webkit-is-the-android-browser",
        "A WebKit UA on an Android before 5 (or of no version) that names no browser at "
        "all ((Android; … Build/…) AppleWebKit/533.1) is the stock Android browser; later "
        "Androids' WebViews are Chromium and say Chrome/.",
        "Mozilla/5.0 (Linux; U; Android; en-us; Tablet8 Build/FRF91) AppleWebKit/533.1",
        browsers=_ids("unknown"),
        oses=_ANDROID,
        engines=_ids("webkit"),
        when=before_chromium_webview,
        browser="android",
    ),
    Fixup(
        "dalvik-has-no-browser-version",
        "Dalvik/ is the HTTP client Android gives every app (its default http.agent): "
        "ua-parser names it the Android browser, as other parsers do, but takes Android's "
        "version for the browser's (14), which a policy then compared with the Android "
        "WebView's (142) and found far behind. It says no browser version.",
        "Dalvik/2.1.0 (Linux; U; Android 14; SM-S918B Build/UP1A.231005.007)",
        needles=(DALVIK,),
        browsers=_ids("android"),
        version_from="none",
    ),
    Fixup(
        "fire-tv-chromium-token",
        "Fire TV's web apps send smarttv_<model>_Build_<n>_Chromium_<version>: a "
        "Chromium at that version, not a bot.",
        "smarttv_AFTMM_Build_535062120_Chromium_59.0.2883.91",
        needles=("_Chromium_",),
        engines=_ids("unknown"),
        pattern=re.compile(r"_Chromium_(\d+(?:\.\d+){0,3})"),
        browser="chromium",
        engine="blink",
    ),
    Fixup(
        "chromebook-android-token",
        "ChromeOS runs Android apps, and their WebViews and browsers say Android and the "
        "Chromebook's model: the device is a ChromeOS laptop.",
        "Mozilla/5.0 (Linux; Android 9; HP Chromebook 13 G1) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/80.0.3987.162 Safari/537.36",
        needles=("Chromebook", "Android"),
        oses=_ANDROID,
        os="chromeos",
        clear_os_version=True,
        device="desktop",
    ),
    Fixup(
        "android-desktop-mode",
        "An Android device in desktop mode (large screens, DeX-like docks) names itself "
        "Desktop: it is still Android, shown as a desktop.",
        "Mozilla/5.0 (Linux; Android 10; Desktop) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/118.0.0.0 Safari/537.36",
        needles=("Desktop", "Android"),
        oses=_ANDROID,
        pattern=re.compile(r"[;(] ?Desktop[;)]"),
        device="desktop",
    ),
    Fixup(
        "ios-26-frozen-os",
        "iOS 26 freezes the OS token at 18_6, 18_7 or 19_0 while Version/ says 26.x: the "
        "OS is at least 26.x (still frozen, a lower bound).",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1",
        needles=("Version/",),
        oses=_IOS,
        only_frozen=True,
        os_pattern=re.compile(r"Version/((?:2[6-9]|[3-9]\d)(?:\.\d+){0,2})"),
    ),
    Fixup(
        "ios-26-frozen-os-in-app",
        "An app's own browser on iOS 26 has no Version/, but the app writes the real system "
        'version in its own token (Instagram\'s "; iOS 26_1;", Facebook\'s "FBSV/26.1"): '
        "the OS is at least that (still frozen, a lower bound).",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
        "like Gecko) Mobile/15E148 Instagram 405.0.0.23.77 (iPhone16,2; iOS 26_1; en_US; en; "
        "scale=3.00; 1290x2796; IABMV/1; 812345678)",
        any_of=("; iOS ", "FBSV/"),
        oses=_IOS,
        only_frozen=True,
        os_pattern=re.compile(r"(?:; iOS |FBSV/)((?:2[6-9]|[3-9]\d)(?:[._]\d+){0,2})"),
    ),
)

# Trident/N is IE N+4, whatever MSIE claims (compatibility view sends "MSIE 7.0").
_TRIDENT_TO_IE = 4
_IE_MAX = 11


_Key = tuple[str, str, str]
_Rows = tuple[tuple[int, Fixup], ...]
# The rows for a key, and the first needle of each when every one of them has
# needles (None when some row has none, so that it must be asked whatever the UA).
_Entry = tuple[_Rows, tuple[str, ...] | None]


class _Plan:
    """Which rows can apply, for a browser id, OS and engine, in table order.

    Every row concerns a few browser ids, OSes or engines: each combination's list
    is worked out once, on first sight, and holds only the rows those do not rule
    out, so a common browser on a common OS tests one to seven rows. When each of
    those has needles, their first needles are kept apart: a UA holding none of
    them (the usual case) is done after those few substring tests.
    """

    __slots__ = ("_lists", "rows")

    def __init__(self, rows: tuple[Fixup, ...]) -> None:
        self.rows = rows
        self._lists: dict[_Key, _Entry] = {}

    def rows_for(self, key: _Key) -> _Rows:
        """The rows that can apply to ``(browser id, OS, engine)``, with their indexes."""
        return self.entry(key)[0]

    def entry(self, key: _Key) -> _Entry:
        """:meth:`rows_for`, and the rows' first needles if every row has one."""
        found = self._lists.get(key)
        if found is None:
            browser, os, engine = key
            rows = tuple(
                (index, row)
                for index, row in enumerate(self.rows)
                if (row.browsers is None or browser in row.browsers)
                and (row.oses is None or os in row.oses)
                and (row.engines is None or engine in row.engines)
            )
            needled = all(row.needles for _, row in rows)
            found = rows, tuple(row.needles[0] for _, row in rows) if needled else None
            # Bounded by ids × OSes × engines; a dict write is atomic under the GIL.
            self._lists[key] = found
        return found


_PLAN = _Plan(FIXUPS)


def apply_fixups(
    ua: str, facts: BrowserFacts, platform: Platform
) -> tuple[BrowserFacts, Platform, Device | None]:
    """``facts`` and ``platform`` after every matching row, and the device a row set."""
    # A test may swap FIXUPS for a subset: the plan follows it.
    plan = _PLAN if FIXUPS is _PLAN.rows else _Plan(FIXUPS)
    key = (facts.browser, platform.os, facts.engine)
    rows, needles = plan.entry(key)
    if needles is not None:
        for needle in needles:
            if needle in ua:
                break
        else:
            return facts, platform, None  # no row's rarest needle: no row applies
    device: Device | None = None
    at = 0
    while at < len(rows):
        index, row = rows[at]
        at += 1
        # Most rows fail on their first (rarest) needle: test it before the call.
        if row.needles and row.needles[0] not in ua:
            continue
        if not _holds(row, ua, facts, platform):
            continue
        applied = _apply(row, ua, facts, platform)
        if applied is None:
            continue
        device = row.device or device
        if applied[0] is facts and applied[1] is platform:
            continue
        facts, platform = applied
        now = (facts.browser, platform.os, facts.engine)
        if now != key:
            # Go on with the rows after this one that concern the new browser, OS or engine.
            key, rows = now, plan.rows_for(now)
            at = next((i for i, (later, _) in enumerate(rows) if later > index), len(rows))
    return facts, platform, device


def _holds(row: Fixup, ua: str, facts: BrowserFacts, platform: Platform) -> bool:
    """Whether the row's conditions beyond its browser, OS and engine hold (its
    patterns aside, which :func:`_apply` runs as it reads versions)."""
    if row.only_frozen and not platform.frozen:
        return False
    if row.only_versionless and facts.version:
        return False
    for needle in row.needles:
        if needle not in ua:
            return False
    for text in row.unless:
        if text in ua:
            return False
    if row.any_of and not any(text in ua for text in row.any_of):
        return False
    return row.when is None or row.when(facts, platform)


def _apply(
    row: Fixup, ua: str, facts: BrowserFacts, platform: Platform
) -> tuple[BrowserFacts, Platform] | None:
    """The row's effects, or ``None`` when its pattern or OS pattern does not match."""
    version = facts.version
    reads_version = row.version_from in ("chromium", "engine", "none")
    if row.pattern is not None:
        found = row.pattern.search(ua)
        if found is None:
            return None
        if row.version_from == "pattern" and found.re.groups and found.group(1):
            version, reads_version = version_tuple(found.group(1)), True
    if row.version_from == "chromium":
        version = facts.chromium_version
    elif row.version_from == "engine":
        version = facts.engine_version
    elif row.version_from == "trident":
        version = _ie_version(version, facts.engine_version)
        reads_version = version != facts.version
    elif row.version_from == "none":
        version = ()
    os_version = platform.version
    if row.os_pattern is not None:
        found = row.os_pattern.search(ua)
        if found is None:
            return None
        os_version = version_tuple(found.group(1))
    elif row.clear_os_version:
        os_version = ()
    browser = row.browser or facts.browser
    if row.to_ios:
        browser = BROWSERS[browser].ios_id or browser
    if row.engine is not None:
        facts = BrowserFacts(
            browser,
            _name(browser, facts),
            version,
            _dotted(version),
            row.engine,
            version,
            version,
            facts.family,
        )
    elif browser != facts.browser or (reads_version and version != facts.version):
        # The constructor, not dataclasses.replace: this runs on many requests.
        facts = BrowserFacts(
            browser,
            _name(browser, facts) if browser != facts.browser else facts.name,
            version,
            _dotted(version) if reads_version else facts.version_string,
            facts.engine,
            facts.engine_version,
            facts.chromium_version,
            facts.family,
        )
    if row.os is not None or os_version != platform.version:
        platform = Platform(row.os or platform.os, os_version, platform.frozen)
    return facts, platform


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def _name(browser: str, facts: BrowserFacts) -> str:
    """The display name of ``browser``: ua-parser's own for an id that names only a kind."""
    info = BROWSERS[browser]
    return facts.family if info.generic and facts.family else info.name


def _ie_version(version: tuple[int, ...], trident: tuple[int, ...]) -> tuple[int, ...]:
    if version and version[0] > _IE_MAX:
        # Not IE's own: ua-parser names Outlook's embedded IE by Office's year (2010).
        version = ()
    if trident:
        from_trident = min(trident[0] + _TRIDENT_TO_IE, _IE_MAX)
        if not version or from_trident > version[0]:
            return (from_trident, 0)
    return version
