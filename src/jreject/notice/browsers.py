"""Which browsers to suggest to a visitor, and where to get them on their platform.

Only browsers that exist for the visitor's platform are offered: no Safari on Windows,
Android or Linux; App Store pages on iOS/iPadOS; Google Play pages on Android. Every
link is the vendor's own download page or store listing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from jreject.detect.client import Client

__all__ = [
    "BROWSERS",
    "DEFAULT_BROWSERS",
    "PLATFORMS",
    "Browser",
    "Platform",
    "Suggestion",
    "is_old_windows",
    "platform_of",
    "suggest",
    "suggest_for",
    "validate_browsers",
]

Platform = Literal["windows", "mac", "linux", "chromeos", "ios", "android", "other"]

PLATFORMS: tuple[Platform, ...] = ("windows", "mac", "linux", "chromeos", "ios", "android", "other")

#: The default set and order, as in the docs.
DEFAULT_BROWSERS: tuple[str, ...] = ("firefox", "chrome", "edge", "safari", "opera")

_APP_STORE = "https://apps.apple.com/app/"
_PLAY = "https://play.google.com/store/apps/details?id="


@dataclass(frozen=True, slots=True)
class Browser:
    """A browser we can suggest: its display name and one download page per platform.

    A platform missing from ``links`` means the browser does not exist there.
    ``min_windows`` is the oldest Windows major (marketing number) its current release
    still installs on; older Windows gets no link, since it would lead to a download
    that refuses to install.
    """

    id: str
    name: str
    links: Mapping[Platform, str]
    min_windows: int | None = None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One entry of the list shown to a visitor: a browser and the link for their platform."""

    id: str
    name: str
    url: str


_FIREFOX_DESKTOP = "https://www.mozilla.org/firefox/new/"
_CHROME_DESKTOP = "https://www.google.com/chrome/"
_EDGE_DESKTOP = "https://www.microsoft.com/edge/download"
_OPERA_DESKTOP = "https://www.opera.com/download"

BROWSERS: dict[str, Browser] = {
    "firefox": Browser(
        "firefox",
        "Firefox",
        {
            "windows": _FIREFOX_DESKTOP,
            "mac": _FIREFOX_DESKTOP,
            "linux": _FIREFOX_DESKTOP,
            "ios": _APP_STORE + "id989804926",
            "android": _PLAY + "org.mozilla.firefox",
            "other": _FIREFOX_DESKTOP,
        },
    ),
    "chrome": Browser(
        "chrome",
        "Chrome",
        {
            "windows": _CHROME_DESKTOP,
            "mac": _CHROME_DESKTOP,
            "linux": _CHROME_DESKTOP,
            "chromeos": _CHROME_DESKTOP,
            "ios": _APP_STORE + "id535886823",
            "android": _PLAY + "com.android.chrome",
            "other": _CHROME_DESKTOP,
        },
        # Chrome 109 was the last release for Windows 7 and 8.1.
        min_windows=10,
    ),
    "edge": Browser(
        "edge",
        "Edge",
        {
            "windows": _EDGE_DESKTOP,
            "mac": _EDGE_DESKTOP,
            "linux": _EDGE_DESKTOP,
            "ios": _APP_STORE + "id1288723196",
            "android": _PLAY + "com.microsoft.emmx",
            "other": _EDGE_DESKTOP,
        },
        # Edge 109 was the last release for Windows 7 and 8.1, as for Chrome.
        min_windows=10,
    ),
    "safari": Browser(
        "safari",
        "Safari",
        {
            # Safari updates with the operating system; on iOS the link explains how.
            "mac": "https://www.apple.com/safari/",
            "ios": "https://support.apple.com/HT204204",
        },
    ),
    "opera": Browser(
        "opera",
        "Opera",
        {
            "windows": _OPERA_DESKTOP,
            "mac": _OPERA_DESKTOP,
            "linux": _OPERA_DESKTOP,
            "ios": _APP_STORE + "id1411869974",
            "android": _PLAY + "com.opera.browser",
            "other": _OPERA_DESKTOP,
        },
        # Opera 95 was the last release for Windows 7 and 8.1.
        min_windows=10,
    ),
    "samsung": Browser(
        "samsung",
        "Samsung Internet",
        {"android": _PLAY + "com.sec.android.app.sbrowser"},
    ),
}

# Detection may name an OS by id or by display name, and has changed its spelling over
# time (ua-parser says "Mac OS X", client hints "macOS"); accept all of them.
_OS_ALIASES: dict[str, Platform] = {
    "windows": "windows",
    "win": "windows",
    "windows phone": "other",
    "mac": "mac",
    "macos": "mac",
    "mac os x": "mac",
    "os x": "mac",
    "linux": "linux",
    "ubuntu": "linux",
    "debian": "linux",
    "fedora": "linux",
    "chromeos": "chromeos",
    "chrome os": "chromeos",
    "cros": "chromeos",
    "ios": "ios",
    "ipados": "ios",
    "iphone": "ios",
    "ipad": "ios",
    "android": "android",
}


def platform_of(client: Client) -> Platform:
    """The platform whose download links apply to ``client`` (``"other"`` when unknown)."""
    for raw in (client.os, client.os_name):
        platform = _OS_ALIASES.get(raw.strip().lower())
        if platform is not None:
            return platform
    return "other"


def is_old_windows(client: Client) -> bool:
    """Whether ``client`` runs a Windows older than 10 (a frozen version never counts)."""
    return (
        bool(client.os_version)
        and not client.os_version_frozen
        # NT 6.x and marketing 7/8 are both below 10; Windows 11 reports 10 or 11.
        and client.os_version[0] < 10
        and platform_of(client) == "windows"
    )


def suggest_for(
    platform: Platform, browsers: Sequence[str] = DEFAULT_BROWSERS, *, old_windows: bool = False
) -> tuple[Suggestion, ...]:
    """The browsers from ``browsers`` (ids, in order) that exist for ``platform``."""
    result: list[Suggestion] = []
    for browser_id in browsers:
        browser = BROWSERS[browser_id]
        url = browser.links.get(platform)
        if url is None:
            continue
        if old_windows and browser.min_windows is not None:
            continue
        result.append(Suggestion(browser.id, browser.name, url))
    return tuple(result)


def suggest(client: Client, browsers: Sequence[str] = DEFAULT_BROWSERS) -> tuple[Suggestion, ...]:
    """The browsers from ``browsers`` (ids, in order) that exist for ``client``'s platform."""
    return suggest_for(platform_of(client), browsers, old_windows=is_old_windows(client))


def validate_browsers(browsers: object, *, where: str = "browsers") -> tuple[str, ...]:
    """Check a configured browser list: known ids, no duplicates. Errors name the entry."""
    if isinstance(browsers, str) or not isinstance(browsers, Sequence):
        raise TypeError(
            f"{where} must be a list of browser ids such as {list(DEFAULT_BROWSERS)!r}, "
            f"not {type(browsers).__name__}"
        )
    seen: list[str] = []
    for index, browser_id in enumerate(browsers):
        if browser_id not in BROWSERS:
            raise ValueError(
                f"{where}[{index}] is {browser_id!r}; expected one of: {', '.join(BROWSERS)}"
            )
        if browser_id in seen:
            raise ValueError(f"{where}[{index}] repeats {browser_id!r}")
        seen.append(browser_id)
    return tuple(seen)
