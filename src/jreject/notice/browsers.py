"""What to tell a visitor to do: which browsers to get, and where, or why none will help.

Only browsers whose current release installs on the visitor's platform are offered: no
Safari on Windows, Android or Linux, no Chrome on Windows 7 or macOS 12
(:mod:`jreject.data.requirements`, dated and sourced). On iOS and iPadOS every browser
is WebKit at the system's version, so the advice is "update iOS", never another
browser. Where nothing current installs, the advice says the device is too old: so on
ChromeOS, whose Chrome updates only with the system and where no download page
installs a browser, and on a TV, a console or a phone whose system we have no store for
(KaiOS, Windows Phone), which no desktop download page serves. Every link is the
vendor's own download page or store listing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from jreject.data.requirements import REQUIREMENTS, installs_on
from jreject.detect.client import DEVICES, Client, Device

__all__ = [
    "ADVICE_KINDS",
    "BROWSERS",
    "DEFAULT_BROWSERS",
    "PLATFORMS",
    "Advice",
    "AdviceKind",
    "Browser",
    "Platform",
    "Suggestion",
    "advice_variants",
    "advise",
    "advise_for",
    "is_old_windows",
    "os_version_of",
    "platform_of",
    "suggest",
    "suggest_for",
    "validate_browsers",
]

Platform = Literal["windows", "mac", "linux", "chromeos", "ios", "android", "other"]
#: ``install``: get one of the browsers listed; ``update_os``: only a system update
#: helps (iOS, iPadOS); ``too_old``: no current browser installs on this system
#: (ChromeOS included: its Chrome is part of the system, nothing else installs; and
#: TVs, consoles and phones no listed link serves).
AdviceKind = Literal["install", "update_os", "too_old"]
ADVICE_KINDS: tuple[AdviceKind, ...] = ("install", "update_os", "too_old")

PLATFORMS: tuple[Platform, ...] = ("windows", "mac", "linux", "chromeos", "ios", "android", "other")

#: The default set and order, as in the docs.
DEFAULT_BROWSERS: tuple[str, ...] = ("firefox", "chrome", "edge", "safari", "opera")

_APP_STORE = "https://apps.apple.com/app/"
_PLAY = "https://play.google.com/store/apps/details?id="


@dataclass(frozen=True, slots=True)
class Browser:
    """A browser we can suggest: its display name and one download page per platform.

    A platform missing from ``links`` means the browser does not exist there. Which
    OS versions its current release still installs on is in
    :mod:`jreject.data.requirements`.
    """

    id: str
    name: str
    links: Mapping[Platform, str]


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
            "ios": _APP_STORE + "id535886823",
            "android": _PLAY + "com.android.chrome",
            "other": _CHROME_DESKTOP,
        },
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
    ),
    "safari": Browser(
        "safari",
        "Safari",
        {
            # Safari updates with the operating system: both links explain how.
            "mac": "https://support.apple.com/108382",
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
    version = os_version_of(client)
    # NT 6.x and marketing 7/8 are both below 10; Windows 11 reports 10 or 11.
    return version is not None and version[0] < 10 and platform_of(client) == "windows"


def os_version_of(client: Client) -> tuple[int, ...] | None:
    """The client's OS version, major and minor, or ``None`` when unknown or frozen.

    A reduced User-Agent freezes the version (macOS 10.15.7, Windows NT 10.0): the real
    one is at least that, so it cannot rule a browser out.
    """
    if not client.os_version or client.os_version_frozen:
        return None
    return tuple(client.os_version[:2])


@dataclass(frozen=True, slots=True)
class Advice:
    """What the notice tells a visitor to do, and the browsers it offers (maybe none).

    ``update_browser`` (``install`` only) says whether the visitor's own browser has a
    current release for their system, so that "update it" is advice they can follow;
    where it has none (Chrome on Android 9, Safari on macOS 11, Internet Explorer),
    the notice only offers the list.
    """

    kind: AdviceKind
    browsers: tuple[Suggestion, ...]
    update_browser: bool = False


#: Devices our links never serve: a TV's or a console's browser is the one its maker
#: ships (Xbox says Windows 10, yet runs no desktop installer; an Android TV has no
#: Play listing of these browsers).
_NO_DOWNLOADS: frozenset[Device] = frozenset({"tv"})
#: Devices the desktop pages that ``"other"`` gets do not serve: a phone or tablet on a
#: system we have no store link for (KaiOS, Windows Phone, Tizen, BlackBerry …).
_NOT_DESKTOP: frozenset[Device] = frozenset({"mobile", "tablet"})
#: A detected browser id → the :data:`BROWSERS` entry whose current release updates
#: it, where the ids differ (an ESR moves on to the next ESR, Opera Mobile is the
#: "Opera" app, EdgeHTML was replaced by the current Edge through Windows Update).
_UPDATED_AS: dict[str, str] = {
    "firefox_esr": "firefox",
    "opera_mobile": "opera",
    "edge_legacy": "edge",
}


def _updates(browser: str, platform: Platform, os_version: tuple[int, ...] | None) -> bool:
    """Whether the visitor's own ``browser`` has a current release for this system."""
    own = BROWSERS.get(_UPDATED_AS.get(browser, browser))
    return own is not None and platform in own.links and installs_on(own.id, platform, os_version)


def advise_for(
    platform: Platform,
    os_version: tuple[int, ...] | None,
    browsers: Sequence[str] = DEFAULT_BROWSERS,
    *,
    device: Device | None = None,
    browser: str | None = None,
) -> Advice:
    """The advice for a visitor on ``platform`` at ``os_version`` (``None``: unknown),
    using ``browser`` (a detected id; ``None``: not said) on ``device``.

    iOS and iPadOS: ``update_os`` and no browsers: every browser there uses the
    system's WebKit, so no other browser would help. ChromeOS: ``too_old`` and no
    browsers: its Chrome updates only with ChromeOS (Settings, About ChromeOS), which
    does so by itself until the device's auto-update expiry, and no vendor's download
    page installs a browser there; a Chromebook whose Chrome is too old for a site is
    usually one past that date (or held back by its administrator). A TV or console
    (``device`` ``"tv"``), and a phone or tablet on an ``"other"`` platform (KaiOS,
    Windows Phone): ``too_old`` and no browsers, as no link we have installs there.
    Elsewhere: ``install`` with the browsers from ``browsers`` (ids, in order) that
    exist for ``platform`` and whose current release installs on ``os_version``;
    ``too_old`` when the version is known and none does. An ``install`` advice says
    whether updating the visitor's own browser helps (``update_browser``): only when
    we know it and its current release installs there; when ``browser`` is not said,
    it does, as it always did.
    """
    if platform == "ios":
        return Advice("update_os", ())
    if platform == "chromeos" or device in _NO_DOWNLOADS:
        return Advice("too_old", ())
    if platform == "other" and device in _NOT_DESKTOP:
        return Advice("too_old", ())
    existing = [BROWSERS[b] for b in browsers if platform in BROWSERS[b].links]
    offered = tuple(
        Suggestion(browser.id, browser.name, browser.links[platform])
        for browser in existing
        if installs_on(browser.id, platform, os_version)
    )
    if existing and not offered:
        return Advice("too_old", ())
    update = browser is None or _updates(browser, platform, os_version)
    return Advice("install", offered, update)


def advice_variants(browsers: Sequence[str] = DEFAULT_BROWSERS) -> frozenset[Advice]:
    """Every :class:`Advice` that :func:`advise_for` can give with ``browsers``.

    Whether a browser installs only changes at its minimum OS version, so one version
    at each minimum, one below them all and ``None`` meet every answer there is: on
    every device (which only turns an answer into ``too_old``), and for every own
    browser that updates as one of ours, one that does not, and none said.
    """
    variants = set()
    for platform in PLATFORMS:
        minimums = [row.min_os for row in REQUIREMENTS if row.platform == platform]
        for version in (None, (0,), *minimums):
            for device in DEVICES:
                variants.add(advise_for(platform, version, browsers, device=device))
            for own in (None, "unknown", *BROWSERS):
                variants.add(advise_for(platform, version, browsers, browser=own))
    return frozenset(variants)


def advise(client: Client, browsers: Sequence[str] = DEFAULT_BROWSERS) -> Advice:
    """The advice for ``client``: :func:`advise_for` its platform, OS version, device
    and browser."""
    return advise_for(
        platform_of(client),
        os_version_of(client),
        browsers,
        device=client.device,
        browser=client.browser,
    )


def suggest_for(
    platform: Platform,
    browsers: Sequence[str] = DEFAULT_BROWSERS,
    *,
    os_version: tuple[int, ...] | None = None,
) -> tuple[Suggestion, ...]:
    """The browsers from ``browsers`` (ids, in order) to offer on ``platform``."""
    return advise_for(platform, os_version, browsers).browsers


def suggest(client: Client, browsers: Sequence[str] = DEFAULT_BROWSERS) -> tuple[Suggestion, ...]:
    """The browsers from ``browsers`` (ids, in order) to offer ``client``."""
    return advise(client, browsers).browsers


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
