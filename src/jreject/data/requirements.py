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
raise ``min_os`` once release N+1 is the current one, cite the announcement, and date the
row (``checked``); :data:`AS_OF` is the oldest row's date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

__all__ = ["AS_OF", "REQUIREMENTS", "Requirement", "installs_on"]

RequirementPlatform = Literal["windows", "mac", "android"]

#: The day rows below were checked against their sources in this release.
_REVIEWED = date(2026, 12, 6)


@dataclass(frozen=True, slots=True)
class Requirement:
    """``browser``'s current release needs ``platform`` at ``min_os`` or newer.

    ``min_os`` is the marketing version (Windows 10, macOS 13, Android 10), as
    detection reports it. ``since`` is the first release that needed it; ``source``
    is where that is said (the vendor, or the press quoting the vendor; a row marked
    "follows Chromium" is inferred from the Chromium row, the vendor not having said so
    where we could read it); ``checked`` is when the row was last compared with it.
    """

    browser: str
    platform: RequirementPlatform
    min_os: tuple[int, ...]
    since: str
    source: str
    checked: date = _REVIEWED


_CHROMIUM = "follows Chromium (see the chrome row for this platform)"

REQUIREMENTS: tuple[Requirement, ...] = (
    Requirement(
        "chrome",
        "windows",
        (10,),
        "Chrome 110 (109 was the last for Windows 7, 8 and 8.1, February 2023)",
        "https://winaero.com/mozilla-extends-firefox-115-esr-support-to-march-2026",
    ),
    Requirement(
        "chrome",
        "mac",
        (13,),
        "Chrome 151 (150 was the last for macOS 12, July 2026)",
        "Chrome Platform Status, quoted at https://thedailytechfeed.com/"
        "google-chrome-to-end-support-for-macos-12-monterey-with-version-151-update",
    ),
    Requirement(
        "chrome",
        "android",
        (10,),
        "Chrome 139 (138 was the last for Android 8 and 9, 2025)",
        "https://thefilibusterblog.com/google-chrome-discontinues-support-for-macos-11-big-sur",
    ),
    Requirement(
        "edge",
        "windows",
        (10,),
        "Edge 110 (109 was the last for Windows 7, 8 and 8.1, early 2023)",
        "https://www.windowsnews.ai/article/mozilla-pushes-firefox-115-esr-end-of-life-to-"
        "march-2026-giving-windows-7-and-81-users-another-lifel.379825",
    ),
    Requirement("edge", "mac", (13,), "Edge on Chromium 151", _CHROMIUM),
    Requirement("edge", "android", (10,), "Edge on Chromium 139", _CHROMIUM),
    Requirement(
        "firefox",
        "windows",
        (10,),
        "Firefox 116; ESR 115, the last for Windows 7, 8 and 8.1, ended on 24 February 2026",
        "https://www.opennet.ru/opennews/art.shtml?num=64835",
    ),
    Requirement(
        "firefox",
        "mac",
        (10, 15),
        "Firefox 116; ESR 115, the last for macOS 10.12-10.14, ended in February 2026",
        "https://www.macgadget.de/News/2026/02/20/"
        "Firefox-Unterstuetzung-fuer-macOS-1012-1013-und-1014-wird-eingestellt",
    ),
    Requirement(
        "firefox",
        "android",
        (8,),
        "Firefox 144 (143 was the last for Android 5-7, October 2025)",
        "https://blog.mozilla.org/futurereleases/?p=2729",
    ),
    Requirement("opera", "windows", (10,), "Opera 96 (95 was the last for Windows 7)", _CHROMIUM),
    Requirement("opera", "mac", (13,), "Opera on Chromium 151", _CHROMIUM),
    Requirement("opera", "android", (10,), "Opera on Chromium 139", _CHROMIUM),
    # Safari is updated with macOS, never installed: offering it means "update macOS",
    # which only helps where the current Safari still ships. From the Safari support
    # table, and as old as it (jreject.data.support.AS_OF).
    Requirement(
        "safari",
        "mac",
        (14,),
        "Safari 26 (for macOS 14 Sonoma and newer)",
        "https://support.apple.com/en-us/100100",
        checked=date(2025, 9, 15),
    ),
)

#: When the table was last checked: its oldest row's date.
AS_OF: date = min(row.checked for row in REQUIREMENTS)

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
