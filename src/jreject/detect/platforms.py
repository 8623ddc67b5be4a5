"""OS and device class from the User-Agent's platform tokens.

ua-parser's OS domain costs as much as its browser domain, and we need little of
it: the platform token (``Windows NT 10.0``, ``iPhone OS 18_7``, ``Android 14``)
and whether that value is one a reduced User-Agent froze. So the common
platforms are read here with one scan, and ua-parser's OS rules run only for
the rest (see :mod:`jreject.detect.detector`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jreject.detect.client import Device

__all__ = ["Platform", "device_from_ua", "platform_of_shape", "scan_platform", "version_tuple"]

# One alternation: the leftmost platform token wins, which is what lying UAs need
# ("Windows Phone 8.1; Android 4.0; … like iPhone OS 7_0_3" is Windows Phone).
# Bare "Linux"/"X11" are left out on purpose: Android, ChromeOS, Tizen and webOS
# all say Linux first. Every alternative starts with a literal character, so the
# regex engine skips straight to the positions where one could match (a search
# ~2.5x faster than with each alternative wrapped in its own group); the matched
# text's first letters then name the OS (see _PLATFORM_KINDS).
_PLATFORM = re.compile(
    r"Windows Phone(?: OS)?[ /](?P<wp>\d+(?:\.\d+)?)"
    r"|Windows NT (?P<nt>\d+\.\d+)"
    r"|iPhone|iPad|iPod"
    r"|Mac OS X(?: (?P<mac>\d+[_.]\d+(?:[_.]\d+)?))?"
    r"|OpenHarmony(?: (?P<ohm>\d+(?:\.\d+){0,2}))?"
    r"|HarmonyOS(?: (?P<hm>\d+(?:\.\d+){0,2}))?"
    r"|Android(?:[ /]?(?P<andv>\d+(?:\.\d+){0,2}))?"
    r"|CrOS"
    r"|Tizen(?:[ /](?P<tz>\d+\.\d+))?"
    r"|Web0S|webOS|hpwOS"
    r"|BlackBerry|BB10|PlayBook"
    r"|Fuchsia"
    r"|FreeBSD"
    r"|Symbian|SymbOS|Series ?60"
)
# The first four characters of a _PLATFORM match → OS kind ("Wind" is settled by
# which version group matched).
_PLATFORM_KINDS: dict[str, str] = {
    "iPho": "idevice",
    "iPad": "idevice",
    "iPod": "idevice",
    "Mac ": "macos",
    "Open": "harmonyos",
    "Harm": "harmonyos",
    "Andr": "android",
    "CrOS": "chromeos",
    "Tize": "tizen",
    "Web0": "webos",
    "webO": "webos",
    "hpwO": "webos",
    "Blac": "blackberry",
    "BB10": "blackberry",
    "Play": "blackberry",
    "Fuch": "fuchsia",
    "Free": "freebsd",
    "Symb": "symbian",
    "Seri": "symbian",
}
_IOS_VERSION = re.compile(r" OS (\d+)_(\d+)(?:_(\d+))?")
_KAIOS = re.compile(r"KAIOS/(\d+(?:\.\d+){0,2})")
_LINUX = re.compile(r"Linux|X11|Ubuntu|Fedora")

# Windows NT kernel version → the marketing version people say. Older ones keep
# the NT version (Vista is 6.0, XP 5.1).
_WINDOWS_NT: dict[str, tuple[int, ...]] = {
    "10.0": (10,),
    "6.4": (10,),
    "6.3": (8, 1),
    "6.2": (8,),
    "6.1": (7,),
}
# Chrome's reduced UA (and Firefox, Safari) freeze these; each is a lower bound.
_FROZEN_MACOS = (10, 15)
_FROZEN_ANDROID = "Android 10; K)"
_FROZEN_IOS_FROM = (18, 6)
# iOS 19 never shipped (26 followed 18), so a 19_0 token is a frozen one too.
_FROZEN_IOS_BELOW = (19, 1)

# Every alternative of these starts with a literal (`\bTV\b` is written
# `TV\b(?<=\bTV)`), which lets the regex engine skip to candidate positions.
_TV = re.compile(
    r"SMART-TV|SmartTV|Smart-TV|SMART TV|HbbTV|NetCast|Web0S|webOS\.TV|CrKey|BRAVIA|Roku|"
    r"AppleTV|Apple TV|GoogleTV|Google TV|Android TV|AndroidTV|AFT[A-Z]|DTV|Xbox|PlayStation 4|"
    r"PlayStation 5|Nintendo|TV\b(?<=\bTV)|; TV;|_TV_"
)
_TABLET = re.compile(r"iPad|Tablet|PlayBook|Kindle|Silk/|Tab\b(?<=\bTab)")
_MOBILE = re.compile(r"Mobi|iPhone|iPod|Phone|IEMobile|Opera Mini|KAIOS|Symbian|BlackBerry|BB10")


@dataclass(frozen=True, slots=True)
class Platform:
    """The OS a User-Agent names: canonical id, version, and whether that version is frozen."""

    os: str
    version: tuple[int, ...] = ()
    frozen: bool = False


def version_tuple(text: str | None) -> tuple[int, ...]:
    """``"10_15_7"`` or ``"10.15.7"`` → ``(10, 15, 7)``; stops at the first non-number."""
    if not text:
        return ()
    parts: list[int] = []
    for part in text.replace("_", ".").split("."):
        if not part.isdigit():
            break
        parts.append(int(part))
    return tuple(parts)


def scan_platform(ua: str) -> Platform | None:
    """The OS from ``ua``'s platform tokens, or ``None`` when none is recognised."""
    if "KAIOS" in ua:
        # KaiOS phones also say "Android", and it comes first.
        found = _KAIOS.search(ua)
        return Platform("kaios", version_tuple(found.group(1)) if found else ())
    match = _PLATFORM.search(ua)
    if match is None:
        return Platform("linux") if _LINUX.search(ua) else None
    text = match.group()
    if text.startswith("Windows"):
        kind = "windows_phone" if match.group("wp") is not None else "windows"
    else:
        kind = _PLATFORM_KINDS[text[:4]]
    if kind == "windows":
        nt = match.group("nt")
        version = _WINDOWS_NT.get(nt) or version_tuple(nt)
        return Platform("windows", version, frozen=version == (10,))
    if kind == "idevice":
        found = _IOS_VERSION.search(ua, match.end())
        ios = tuple(int(p) for p in found.groups() if p is not None) if found else ()
        os_id = "ipados" if text == "iPad" else "ios"
        frozen = _FROZEN_IOS_FROM <= ios < _FROZEN_IOS_BELOW
        return Platform(os_id, ios, frozen)
    if kind == "macos":
        mac = version_tuple(match.group("mac"))
        return Platform("macos", mac, frozen=mac[:2] == _FROZEN_MACOS)
    if kind == "android":
        android = version_tuple(match.group("andv"))
        return Platform("android", android, frozen=_FROZEN_ANDROID in ua)
    if kind == "windows_phone":
        return Platform("windows_phone", version_tuple(match.group("wp")))
    if kind == "harmonyos":
        return Platform("harmonyos", version_tuple(match.group("hm") or match.group("ohm")))
    if kind == "tizen":
        return Platform("tizen", version_tuple(match.group("tz")))
    return Platform(kind)


# Real traffic sends a few hundred distinct platform comments ("Windows NT 10.0;
# Win64; x64", one per Android model …) and a Platform is a frozen value, so the
# answers are shared; only the browser versions around the comment vary per UA.
@functools.lru_cache(maxsize=1024)
def platform_of_shape(text: str) -> Platform:
    """The OS of a platform comment the fast path matched (see ``fastpath.SHAPE``).

    Those comments have a handful of exact forms, so plain string slicing reads
    them for a fraction of :func:`scan_platform`'s cost; the results are equal.
    """
    head = text[:3]
    if head == "Win":  # "Windows NT 10.0; Win64; x64"
        nt = text[11:].partition(";")[0]
        version = _WINDOWS_NT.get(nt) or version_tuple(nt)
        return Platform("windows", version, frozen=version == (10,))
    if head == "Mac":  # "Macintosh; Intel Mac OS X 10_15_7"
        mac = version_tuple(text[26:])
        return Platform("macos", mac, frozen=mac[:2] == _FROZEN_MACOS)
    if head in ("iPh", "iPa"):  # "iPhone; CPU iPhone OS 18_7 like Mac OS X"
        ios = version_tuple(text.partition(" OS ")[2].partition(" ")[0])
        return Platform(
            "ipados" if head == "iPa" else "ios",
            ios,
            frozen=_FROZEN_IOS_FROM <= ios < _FROZEN_IOS_BELOW,
        )
    if head in ("Lin", "And"):  # "Linux; Android 10; K" or Firefox's "Android 14; Mobile"
        rest = text.partition("Android ")[2]
        version_text, _, model = rest.partition(";")
        return Platform("android", version_tuple(version_text), frozen=model == " K")
    if "CrOS" in text:
        return Platform("chromeos")
    return Platform("linux")


def device_from_ua(ua: str, os: str) -> Device:
    """Device class from the User-Agent alone (client hints, when sent, override it)."""
    if os == "ios":
        return "mobile"
    if os == "ipados":
        return "tablet"
    if os == "macos":
        # iPadOS Safari asks for desktop sites as a Mac; only client hints could
        # tell, and Safari sends none. Policy-wise it is the same Safari.
        return "desktop"
    if os == "windows":
        return "tv" if "Xbox" in ua else "desktop"
    if os == "android" and "Mobile" in ua:
        return "mobile"
    if _TV.search(ua):
        return "tv"
    if os == "android":
        # Android phones say "Mobile"; Android tablets are the ones that do not.
        return "mobile" if _MOBILE.search(ua) else "tablet"
    if _TABLET.search(ua):
        return "tablet"
    if _MOBILE.search(ua) or os in ("kaios", "windows_phone", "symbian", "blackberry"):
        return "mobile"
    if os in ("windows", "macos", "linux", "chromeos", "freebsd"):
        return "desktop"
    return "unknown"
