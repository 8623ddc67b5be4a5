"""The oldest operating system each browser's *current* release still installs on.

The notice offers a visitor only browsers they can install: a Windows XP visitor is not
sent to a Firefox download that refuses to run, a Mac on Mojave is not offered Chrome.
caniuse does not carry these facts, so this is a hand-kept table like
:mod:`jreject.data.support`: each row names its source, the whole table is dated
(:data:`AS_OF`), and :func:`jreject.data.tables_age_warning` (``jreject data status``,
``jreject doctor``) says when it is due for review.

A platform a browser has no row for is not restricted (Linux, ChromeOS); a browser that
does not exist on a platform at all is :mod:`jreject.notice.browsers`' business. On iOS
and iPadOS every browser is WebKit at the system's version, so no browser install helps
there: the notice says "update iOS" instead, and needs no rows.

Keep it current: when a vendor announces that release N is the last for an OS version,
raise ``min_os`` once release N+1 is the current one, cite the announcement, bump
:data:`AS_OF`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["AS_OF", "REQUIREMENTS", "Requirement", "installs_on"]

#: When every row was last checked against its source.
AS_OF = date(2026, 12, 6)

RequirementPlatform = Literal["windows", "mac", "android"]


@dataclass(frozen=True, slots=True)
class Requirement:
    """``browser``'s current release needs ``platform`` at ``min_os`` or newer.

    ``min_os`` is the marketing version (Windows 10, macOS 13, Android 10), as
    detection reports it. ``since`` is the first release that needed it; ``source``
    is where the vendor (or, where marked, the press citing the vendor) says so.
    """

    browser: str
    platform: RequirementPlatform
    min_os: tuple[int, ...]
    since: str
    source: str


_CHROME_MAC = (
    "https://chromestatus.com/ (Chrome 150 is the last release for macOS 12), as reported at "
    "https://thedailytechfeed.com/google-chrome-to-end-support-for-macos-12-monterey-with-version-151-update"
)
_CHROME_WIN = (
    "https://support.google.com/chrome/a/answer/7100626 (Chrome 109 last on Windows 7/8.1)"
)
_CHROME_ANDROID = (
    "https://chromestatus.com/ (Chrome 138 is the last release for Android 8 and 9), as "
    "reported at https://chipp.in/software/android/mozilla-plans-to-drop-support-for-very-old-android-versions"
)
_FIREFOX_WIN = (
    "https://support.mozilla.org/kb/firefox-users-windows-7-8-and-81-moving-extended-support "
    "(ESR 115, the last for Windows 7-8.1, ended in 2026: https://www.opennet.ru/opennews/art.shtml?num=64835)"
)
_FIREFOX_MAC = (
    "https://support.mozilla.org/kb/firefox-users-macos-1012-1013-1014-moving-to-extended-support "
    "(ESR 115, the last for macOS 10.12-10.14, ended with it)"
)
_FIREFOX_ANDROID = (
    "https://blog.mozilla.org/futurereleases/2025/09/ (Firefox 144 needs Android 8.0)"
)
_EDGE = "https://learn.microsoft.com/deployedge/microsoft-edge-supported-operating-systems"
_OPERA_WIN = "https://blogs.opera.com/desktop/ (Opera 95 last on Windows 7/8.1, as Chromium 109)"
_CHROMIUM = "Chromium-based: follows Chrome's floor on this platform (see the chrome row)"
_SAFARI = "https://support.apple.com/en-us/100100 (Safari 26 ships for macOS 14 Sonoma and newer)"

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement("chrome", "windows", (10,), "Chrome 110", _CHROME_WIN),
    Requirement("chrome", "mac", (13,), "Chrome 151", _CHROME_MAC),
    Requirement("chrome", "android", (10,), "Chrome 139", _CHROME_ANDROID),
    Requirement("edge", "windows", (10,), "Edge 110", _EDGE),
    Requirement("edge", "mac", (13,), "Edge 151", _EDGE + "; " + _CHROMIUM),
    Requirement("edge", "android", (10,), "Edge 139", _CHROMIUM),
    Requirement("firefox", "windows", (10,), "Firefox 116 (ESR 115 ended 2026)", _FIREFOX_WIN),
    Requirement("firefox", "mac", (10, 15), "Firefox 116 (ESR 115 ended 2026)", _FIREFOX_MAC),
    Requirement("firefox", "android", (8,), "Firefox 144", _FIREFOX_ANDROID),
    Requirement("opera", "windows", (10,), "Opera 96", _OPERA_WIN),
    Requirement("opera", "mac", (13,), "Opera on Chromium 151", _CHROMIUM),
    Requirement("opera", "android", (10,), "Opera on Chromium 139", _CHROMIUM),
    # Safari is updated with macOS, never installed: offering it means "update macOS",
    # which only helps where the current Safari still ships.
    Requirement("safari", "mac", (14,), "Safari 26", _SAFARI),
)

_BY_KEY: dict[tuple[str, str], tuple[int, ...]] = {
    (row.browser, row.platform): row.min_os for row in REQUIREMENTS
}


def installs_on(browser: str, platform: str, os_version: Sequence[int] | None) -> bool:
    """Whether ``browser``'s current release installs on ``platform`` at ``os_version``.

    An unknown version (``None`` or empty: no version in the User-Agent, or one frozen
    by a reduced UA) gets the benefit of the doubt.
    """
    minimum = _BY_KEY.get((browser, platform))
    if minimum is None or not os_version:
        return True
    return tuple(os_version) >= minimum
