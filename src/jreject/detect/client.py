"""The value detection produces: what we know about the visitor's browser."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

__all__ = [
    "DEVICES",
    "ENGINES",
    "Client",
    "Device",
    "Engine",
    "Source",
    "Sources",
    "format_version",
]

Engine = Literal["blink", "gecko", "webkit", "trident", "presto", "edgehtml", "unknown"]
Device = Literal["desktop", "mobile", "tablet", "tv", "bot", "unknown"]
Source = Literal["client-hints", "user-agent", "none"]

ENGINES: tuple[Engine, ...] = (
    "blink",
    "gecko",
    "webkit",
    "trident",
    "presto",
    "edgehtml",
    "unknown",
)
DEVICES: tuple[Device, ...] = ("desktop", "mobile", "tablet", "tv", "bot", "unknown")


@dataclass(frozen=True, slots=True)
class Sources:
    """Where each part of a :class:`Client` came from.

    ``client-hints`` means the ``Sec-CH-UA*`` request headers, ``user-agent`` the
    ``User-Agent`` string, ``none`` that nothing told us (the field holds its default).
    """

    browser: Source = "none"
    version: Source = "none"
    os: Source = "none"
    os_version: Source = "none"
    device: Source = "none"


@dataclass(frozen=True, slots=True)
class Client:
    """A visitor's browser, as far as the request headers tell.

    Versions are tuples of ints (``(17, 2)``), empty when unknown. ``browser`` is a
    canonical id (``"chrome"``, ``"edge"``, ``"ie"``, ``"chrome_ios"`` …, see
    ``jreject.detect.catalog``), ``browser_name`` its display name. ``caniuse_agent``
    and ``caniuse_version`` name the caniuse/browserslist agent whose data applies
    to this client, e.g. every browser on iOS maps to ``ios_saf`` at its WebKit/iOS
    version. ``os_version_frozen`` is set when the OS version is a frozen value from a
    reduced User-Agent (Windows ``10.0``, macOS ``10_15_7``, iOS ``18_7``): it is then a
    lower bound, and a policy must never reject on it. ``bot_category`` says what
    kind of bot ``bot_name`` is (``"search"``, ``"ai"``, ``"preview"``, ``"monitor"`` …,
    see ``jreject.detect.bots.BOT_CATEGORIES``); ``None`` for a browser.
    """

    browser: str = "unknown"
    browser_name: str = "Unknown browser"
    version: tuple[int, ...] = ()
    version_string: str = ""
    engine: Engine = "unknown"
    engine_version: tuple[int, ...] = ()
    os: str = "unknown"
    os_name: str = "Unknown OS"
    os_version: tuple[int, ...] = ()
    os_version_frozen: bool = False
    device: Device = "unknown"
    is_bot: bool = False
    bot_name: str | None = None
    bot_category: str | None = None
    caniuse_agent: str | None = None
    caniuse_version: tuple[int, ...] = ()
    chromium_version: tuple[int, ...] = ()
    sources: Sources = field(default_factory=Sources)
    user_agent: str = ""

    @property
    def major(self) -> int | None:
        """The major version, or ``None`` when the version is unknown."""
        return self.version[0] if self.version else None

    @property
    def label(self) -> str:
        """A short human label such as ``"Safari 15.6"`` or ``"Unknown browser"``."""
        if not self.version:
            return self.browser_name
        return f"{self.browser_name} {format_version(self.version)}"

    @property
    def os_label(self) -> str:
        """The system as people name it: ``"Windows XP"``, ``"macOS 14.5"``, ``"Android
        10+"`` (``+``: a frozen version, a lower bound), or its name alone."""
        if not self.os_version:
            return self.os_name
        if self.os == "windows":
            named = _WINDOWS_NAMES.get(self.os_version[:2])
            if named is not None:
                return f"{self.os_name} {named}"
        frozen = "+" if self.os_version_frozen else ""
        return f"{self.os_name} {format_version(self.os_version)}{frozen}"


# Windows before 7 is named, not numbered: its NT version is what detection keeps.
_WINDOWS_NAMES: dict[tuple[int, ...], str] = {
    (4, 0): "NT 4.0",
    (5, 0): "2000",
    (5, 1): "XP",
    (5, 2): "XP",
    (6, 0): "Vista",
}


def format_version(version: tuple[int, ...]) -> str:
    """``(15, 6, 0)`` → ``"15.6"``: trailing zero parts beyond the minor are dropped."""
    end = len(version)
    while end > 2 and version[end - 1] == 0:
        end -= 1
    return ".".join(map(str, version[:end]))
