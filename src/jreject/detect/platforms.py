"""OS and device class from the User-Agent's platform tokens: the one platform reader.

ua-parser's OS domain costs as much as its browser domain, and we need little of
it: the platform token (``Windows NT 10.0``, ``iPhone OS 18_7``, ``Android 14``)
and whether that value is one a reduced User-Agent froze. So :func:`read_platform`
reads the platform tokens with one scan, then the rarer forms no comment-style
token covers (``Darwin/`` of Apple's network stack, ``Adr`` of UC Browser's compact
form, ``Windows 98``), and ua-parser's OS rules are not used at all. The OS ids and
each OS's default device class live in :mod:`jreject.detect.catalog`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from jreject.detect.catalog import OSES
from jreject.detect.client import Device

__all__ = [
    "Platform",
    "device_from_ua",
    "platform_of_shape",
    "read_platform",
    "shape_key",
    "version_tuple",
]

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
    # iPad inside a model name ("NaviPad") is not one, nor is a device "like iPhone"
    # (a Nintendo 3DS, a Librem 5); the check sits after the literal so the engine
    # can still skip to candidate positions.
    r"|iPhone(?<!like iPhone)|iPad(?<![A-Za-z]iPad)|iPod"
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
# "iPhone OS 17_5", also as apps write it ("iPhone OS 16.4", "iPhone OS 14"); a bare
# three-digit number ("OS 435") is no version.
_IOS_VERSION = re.compile(r" OS (\d{1,2})(?:[_.](\d+)(?:[_.](\d+))?)?(?!\d)")
_KAIOS = re.compile(r"K(?:AIOS|aiOS)/(\d+(?:\.\d+){0,2})")
# What no platform comment names: Apple's network stack (CFNetwork/… Darwin/N, sent
# by Safari's own fetches and by apps), UC Browser's compact "Adr 8.1.0" and "iPh OS
# 6_1", Symbian's "S60V5", classic Mac and old or embedded Windows, an app's "iOS
# 13.1", and plain Linux last (Android, ChromeOS, Tizen and webOS all say Linux, so
# it only counts when nothing else is named). A bare "Windows" is the last resort
# of its own alternation, so "Windows 98" and "Windows/10.0" keep their versions.
_OTHER = re.compile(
    r"Darwin/(?P<darwin>\d+)(?:\.(?P<dminor>\d+))?"
    r"|Adr (?P<adr>\d+(?:\.\d+){0,2})"
    r"|iPh OS (?P<iph>\d+(?:_\d+){0,2})"
    # An iOS major has at most two digits: "Outlook-iOS/665.29827" is an app's build.
    r"|iOS(?<![A-Za-z]iOS)[ /](?P<ios>\d{1,2}(?:\.\d+){0,2})(?!\d)"
    r"|S60V\d"
    r"|Mac_P(?:owerPC|PC)|Macintosh"
    r"|Win(?:dows)?[ _]?(?P<win>98|95|9x|ME|XP|2000|CE|NT)"
    r"|Windows/(?P<winv>\d+\.\d+)"
    r"|Windows"
)
_LINUX = re.compile(r"Linux|X11|Ubuntu|Fedora")
_ANDROID_BUILD = re.compile(r"\(Linux; U; [^()]* Build/\w")
# Darwin 20 is macOS 11 and iOS 14; Darwin 25 is macOS and iOS 26 (both renumbered).
_DARWIN_MAC_11 = 20
_DARWIN_26 = 25
# Darwin 15 is iOS 9 and each major after it one iOS major; Darwin 14 was iOS 7
# and 8, so it only says "at least 7"; older ones are not worth a guess.
_DARWIN_IOS_FROM = 15
_DARWIN_IOS_7 = 14
_MAC_MACHINE = ("(x86_64)", "(i386)", "Power", "Mac")
_MAC_SAFARI_FETCH = re.compile(r"Safari/?\d")

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
_ANDROID_TV = re.compile(
    r"SMART-TV|SmartTV|Smart-TV|SMART TV|HbbTV|BRAVIA|GoogleTV|Google TV|Android TV|AndroidTV|"
    r"AFT[A-Z]|Chromecast|CrKey"
)
_TABLET = re.compile(r"iPad|Tablet|PlayBook|Kindle|Silk/|Tab\b(?<=\bTab)")
# Feature phones name no OS a browser knows, but their Java profile (MIDP), Qualcomm's
# BREW, Japan's carriers, networks and makers (KDDI, DoCoMo's FOMA, WILLCOM, KYOCERA),
# or Psion's and Nokia's communicators' EPOC.
_MOBILE = re.compile(
    r"Mobi|iPhone|iPod|Phone|IEMobile|Opera Mini|KAIOS|Symbian|BlackBerry|BB10"
    r"|MIDP|BREW|KDDI|DoCoMo|FOMA|WILLCOM|DDIPOCKET|KYOCERA|EPOC"
)


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


def read_platform(ua: str) -> Platform:
    """The OS ``ua`` names, with its version; ``Platform("unknown")`` when it names none."""
    if "KAIOS" in ua or "KaiOS" in ua:
        # KaiOS phones also say "Android", and it comes first.
        found = _KAIOS.search(ua)
        return Platform("kaios", version_tuple(found.group(1)) if found else ())
    match = _PLATFORM.search(ua)
    if match is None:
        return _other_platform(ua)
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


def _other_platform(ua: str) -> Platform:
    match = _OTHER.search(ua)
    if match is None:
        if _LINUX.search(ua) is None:
            return Platform("unknown")
        # Android phones whose firmware left the version out ("Linux; U; de-de;
        # GT-I9100 Build/GINGERBREAD") still name their build: only Android's do.
        return Platform("android") if _ANDROID_BUILD.search(ua) else Platform("linux")
    darwin = match.group("darwin")
    if darwin is not None:
        # Safari's own fetches name it "Safari/<build>" on a Mac, "MobileSafari/" on iOS.
        on_mac = _MAC_SAFARI_FETCH.match(ua) is not None
        return _darwin(ua[match.end() :], int(darwin), int(match.group("dminor") or 0), on_mac)
    if match.group("adr") is not None:
        return Platform("android", version_tuple(match.group("adr")))
    if match.group("iph") is not None:
        return Platform("ios", version_tuple(match.group("iph")))
    if match.group("ios") is not None:
        return Platform("ios", version_tuple(match.group("ios")))
    text = match.group()
    if text.startswith("S60"):
        return Platform("symbian")
    if text.startswith("Mac"):
        return Platform("macos")
    nt = match.group("winv")
    if nt is not None:
        return Platform("windows", _WINDOWS_NT.get(nt) or version_tuple(nt))
    win = match.group("win") or ""
    return Platform("windows", (int(win),) if win.isdigit() else ())


def _darwin(rest: str, darwin: int, minor: int, on_mac: bool = False) -> Platform:
    """The Apple OS behind ``Darwin/N``: a Mac when the machine after it (or ``on_mac``)
    says so, else iOS."""
    if "Watch" in rest:
        return Platform("unknown")
    if on_mac or any(machine in rest for machine in _MAC_MACHINE):
        if darwin >= _DARWIN_26:
            return Platform("macos", (darwin + 1, minor))
        if darwin >= _DARWIN_MAC_11:
            return Platform("macos", (darwin - 9, minor))
        # Darwin 9 is Mac OS X 10.5, … Darwin 19 is 10.15.
        return Platform("macos", (10, darwin - 4, minor))
    if darwin >= _DARWIN_26:
        return Platform("ios", (darwin + 1,))
    if darwin >= _DARWIN_IOS_FROM:
        # Only the majors line up (Darwin 22.3 is not iOS 16.3).
        return Platform("ios", (darwin - 6,))
    return Platform("ios", (7,) if darwin == _DARWIN_IOS_7 else ())


# Real traffic sends a few hundred distinct platform comments ("Windows NT 10.0;
# Win64; x64", one per Android model …) and a Platform is a frozen value, so the
# answers are shared; only the browser versions around the comment vary per UA.
@functools.lru_cache(maxsize=1024)
def platform_of_shape(text: str) -> Platform:
    """:func:`read_platform` of a platform comment the fast path matched, cached.

    ``text`` is the comment without its parentheses (see ``fastpath.SHAPE``), or
    its :func:`shape_key`.
    """
    return read_platform(f"({text})")


_FROZEN_ANDROID_MODEL = "K"


def shape_key(text: str) -> str:
    """The part of a fast-path platform comment that :func:`read_platform` reads.

    ``"Linux; Android 14; SM-S918B Build/UP1A"`` → ``"Linux; Android 14"``, and
    ``"Linux; U; Android 4.0.4; en-us; GT-I9300"`` → ``"Linux; U; Android 4.0.4"``:
    in such a comment (``fastpath.SHAPE``'s, whose locale and model hold no ``;``)
    the leftmost platform token is ``Android`` and its version, so what follows
    changes nothing unless it is the frozen ``K`` alone or names KaiOS. Every other
    comment is its own key. Keyed so, :func:`platform_of_shape` reads each Android
    version once, not each model.
    """
    if not text.startswith("Linux; "):
        return text
    head, android, rest = text.partition("Android ")
    if android == "" or head not in ("Linux; ", "Linux; U; "):
        return text
    version, _, rest = rest.partition("; ")
    if not rest or rest == _FROZEN_ANDROID_MODEL or "KAIOS" in rest or "KaiOS" in rest:
        return text
    return f"{head}Android {version}"


def device_from_ua(ua: str, os: str) -> Device:
    """Device class from the User-Agent alone (client hints, when sent, override it)."""
    info = OSES[os]
    if info.webkit_only or os == "macos":
        # iPadOS Safari asks for desktop sites as a Mac; only client hints could
        # tell, and Safari sends none. Policy-wise it is the same Safari.
        return info.device
    if os == "windows":
        # Windows Mobile and CE phones say "IEMobile" or "Mobile"; a desktop never does.
        return "tv" if "Xbox" in ua else "mobile" if "Mobi" in ua else "desktop"
    if os == "android" and "Mobile" in ua:
        # Android TVs' WebViews and Chrome say "Mobile Safari" too, and name the set or
        # its platform; "TV" alone is also in phones' names ("myA9 DTV", "A350 TV").
        return "tv" if _ANDROID_TV.search(ua) else "mobile"
    if _TV.search(ua):
        return "tv"
    if os == "android":
        # Android phones say "Mobile"; Android tablets are the ones that do not.
        return "mobile" if _MOBILE.search(ua) else "tablet"
    if _TABLET.search(ua):
        return "tablet"
    if _MOBILE.search(ua):
        return "mobile"
    return info.device
