"""The one table of corrections applied after ua-parser: each row says what it fixes and why.

ua-parser names browsers and OSes well, but its rules answer "which product
token is this", and a few User-Agent shapes mean more than their tokens: an old
Samsung Internet that says only ``Version/1.0 Chrome/18``, a Windows Phone
asking for desktop sites, UC Browser's compact iOS format. Each :class:`Fixup`
row names the text that must be present (plain substrings, so a row costs a few
``in`` tests on a User-Agent it does not concern), an optional anchored pattern
whose first group gives a version, and what it sets. Rows apply in order and all
that match apply. ``tests/detect/test_fixups.py`` has one test per row, from the
row's own ``example``.

Every pattern here is a plain token followed by digits: no nested repeats and no
``.*``, so each search is linear in the length of the User-Agent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from jreject.detect.catalog import BROWSERS, IOS_OSES
from jreject.detect.client import Device
from jreject.detect.fixups import BrowserFacts
from jreject.detect.platforms import Platform, version_tuple

__all__ = ["FIXUPS", "Fixup", "apply_fixups"]


@dataclass(frozen=True, slots=True)
class Fixup:
    """One correction: when every ``needle`` is in the UA (and ``pattern`` matches), set fields.

    ``needles`` come rarest first. ``pattern``'s first group, when it has one, is the
    browser version.
    ``os_pattern``'s first group is the OS version. ``only_frozen`` limits the
    row to User-Agents whose OS version is a frozen one (see ``Client``); any text in
    ``unless`` present in the UA turns the row off.
    """

    name: str
    reason: str
    example: str
    needles: tuple[str, ...]
    pattern: re.Pattern[str] | None = None
    browser: str | None = None
    os: str | None = None
    os_pattern: re.Pattern[str] | None = None
    clear_os_version: bool = False
    device: Device | None = None
    only_frozen: bool = False
    unless: tuple[str, ...] = ()


FIXUPS: tuple[Fixup, ...] = (
    Fixup(
        "samsung-internet-1-3",
        "Samsung Internet before 4.0 sent no SamsungBrowser/ token: a SAMSUNG model, "
        "Version/1.x-3.x and an old Chrome/ (ua-parser reads the Android browser).",
        "Mozilla/5.0 (Linux; Android 4.4.2; SAMSUNG SM-G900F Build/KOT49H) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/1.5 Chrome/28.0.1500.94 Mobile Safari/537.36",
        ("SAMSUNG", "Android", " Chrome/"),
        re.compile(r"Version/([1-3]\.\d+) Chrome/"),
        browser="samsung",
    ),
    Fixup(
        "windows-phone-desktop-mode",
        "IE Mobile on Windows Phone 8.1 asking for desktop sites says Windows NT 6.2 "
        "and adds WPDesktop: still the phone's IE Mobile.",
        "Mozilla/5.0 (Windows NT 6.2; ARM; Trident/7.0; Touch; rv:11.0; WPDesktop; Lumia 930) "
        "like Gecko",
        ("WPDesktop",),
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
        ("ZuneWP7",),
        browser="ie_mobile",
        os="windows_phone",
        clear_os_version=True,
        device="mobile",
    ),
    Fixup(
        "iemobile-token",
        "IE Mobile names itself IEMobile/, sometimes with a space ua-parser's rule does not "
        "allow (IEMobile/ 7.0): the token alone makes it IE Mobile.",
        "Mozilla/4.0 (compatible; MSIE 7.0; Windows Phone OS 7.0; Trident/3.1; IEMobile/ 7.0; "
        "HTC; HD7 T9292)",
        ("IEMobile", "Trident/"),
        browser="ie_mobile",
    ),
    Fixup(
        "uc-browser-compact-iphone",
        "UC Browser for iOS sends a compact dv(…);pr(…);ov(…) form: an iPhone, whose "
        "browsers are all WebKit at the iOS version in ov(…).",
        "dv(iPh7,1);pr(UCBrowser/11.3.5.1203);ov(12_5_6);ss(414x736);bt(GJ);pm(0);bv(0);nm(0);",
        ("dv(iPh", "pr(UCBrowser/"),
        re.compile(r"pr\(UCBrowser/(\d+(?:\.\d+){0,2})"),
        browser="uc",
        os="ios",
        os_pattern=re.compile(r"ov\((\d+(?:_\d+){0,2})\)"),
        device="mobile",
    ),
    Fixup(
        "uc-browser-compact-ipad",
        "UC Browser's compact form on an iPad: iPadOS at the version in ov(…).",
        "dv(iPad4,1);pr(UCBrowser/11.3.5.1203);ov(12_4);ss(1024x768);bt(GJ);pm(0);bv(0);",
        ("dv(iPad", "pr(UCBrowser/"),
        re.compile(r"pr\(UCBrowser/(\d+(?:\.\d+){0,2})"),
        browser="uc",
        os="ipados",
        os_pattern=re.compile(r"ov\((\d+(?:_\d+){0,2})\)"),
        device="tablet",
    ),
    Fixup(
        "opera-tablet-presto",
        "Presto Opera for Android tablets says Opera Tablet/: Opera Mobile, at Version/.",
        "Opera/9.80 (Android 3.2.1; Linux; Opera Tablet/ADR-1109081720; U; en) Presto/2.8.149 "
        "Version/11.10",
        ("Opera Tablet/", "Presto/"),
        re.compile(r"Version/(\d+\.\d+)"),
        browser="opera_mobile",
        device="tablet",
    ),
    Fixup(
        "android-oem-release-format",
        "Some Android phones' stock browsers send a WAP-era form, Model/1.0 Android/4.2.2 "
        "Release/… Browser/AppleWebKit534.30, with no Mozilla comment: the Android browser.",
        "samsung-GT-I9300/1.0 Linux/2.6.35.7 Android/4.0.4 Release/04.18.2013 "
        "Browser/AppleWebKit533.1 (KHTML, like Gecko) Mozilla/5.0 Mobile",
        ("Release/", "Android/", "Browser/Appl"),
        browser="android",
        unless=("Chrome/",),
        os="android",
        os_pattern=re.compile(r"Android/(\d+(?:\.\d+){0,2})"),
        device="mobile",
    ),
    Fixup(
        "android-oem-release-format-chrome",
        "The same WAP-era form with Browser/Chrome40.0.2214.114: Chrome for Android (with "
        "Browser/AppleWebKit… Chrome/30, ua-parser reads Chrome itself).",
        "m2 note/4.5 Linux/3.10.65 Android/5.1 Release/07.29.2015 Browser/Chrome40.0.2214.114 "
        "Profile/MIDP-2.0 Configuration/CLDC-1.1",
        ("Release/", "Android/", "Browser/Chrome"),
        re.compile(r"Browser/Chrome(\d+(?:\.\d+){0,3})"),
        browser="chrome",
        os="android",
        os_pattern=re.compile(r"Android/(\d+(?:\.\d+){0,2})"),
        device="mobile",
    ),
    Fixup(
        "chromebook-android-token",
        "ChromeOS runs Android apps, and their WebViews and browsers say Android and the "
        "Chromebook's model: the device is a ChromeOS laptop.",
        "Mozilla/5.0 (Linux; Android 9; HP Chromebook 13 G1) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/80.0.3987.162 Safari/537.36",
        ("Chromebook", "Android"),
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
        ("Desktop", "Android"),
        re.compile(r"[;(] ?Desktop[;)]"),
        device="desktop",
    ),
    Fixup(
        "ios-26-frozen-os",
        "iOS 26 freezes the OS token at 18_6, 18_7 or 19_0 while Version/ says 26.x: the "
        "OS is at least 26.x (still frozen, a lower bound).",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_7 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/26.1 Mobile/15E148 Safari/604.1",
        ("Version/",),
        os_pattern=re.compile(r"Version/((?:2[6-9]|[3-9]\d)(?:\.\d+){0,2})"),
        only_frozen=True,
    ),
)


# One search for every row's rarest needle: most User-Agents concern no row, and this
# rules them all out at once (the rows' own tests would cost ~4 µs a User-Agent).
_TRIGGERS = re.compile("|".join(re.escape(row.needles[0]) for row in FIXUPS if not row.only_frozen))


def apply_fixups(
    ua: str, facts: BrowserFacts, platform: Platform
) -> tuple[BrowserFacts, Platform, Device | None]:
    """``facts`` and ``platform`` after every matching row, and the device a row set."""
    if not (platform.frozen and platform.os in IOS_OSES) and _TRIGGERS.search(ua) is None:
        return facts, platform, None
    device: Device | None = None
    for row in FIXUPS:
        # The first needle is the rarest: one `in` test rules most rows out.
        if row.needles[0] not in ua:
            continue
        if row.only_frozen and not (platform.frozen and platform.os in IOS_OSES):
            continue
        if not all(needle in ua for needle in row.needles[1:]):
            continue
        if any(text in ua for text in row.unless):
            continue
        version: tuple[int, ...] = facts.version
        if row.pattern is not None:
            found = row.pattern.search(ua)
            if found is None:
                continue
            if found.groups():
                version = version_tuple(found.group(1))
        os_version = platform.version
        if row.os_pattern is not None:
            found = row.os_pattern.search(ua)
            if found is None:
                continue
            os_version = version_tuple(found.group(1))
        elif row.clear_os_version:
            os_version = ()
        if row.browser is not None or version != facts.version:
            browser = row.browser or facts.browser
            facts = replace(
                facts,
                browser=browser,
                name=BROWSERS[browser].name,
                version=version,
                version_string=".".join(map(str, version)),
            )
        if row.os is not None or os_version != platform.version:
            platform = Platform(row.os or platform.os, os_version, platform.frozen)
        device = row.device or device
    return facts, platform, device
