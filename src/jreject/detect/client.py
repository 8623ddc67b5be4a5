"""The value detection produces: what we know about the visitor's browser."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import Any, Literal, TypeVar

__all__ = [
    "DEVICES",
    "ENGINES",
    "Client",
    "Device",
    "Engine",
    "Source",
    "Sources",
    "format_version",
    "positional_builder",
]

_T = TypeVar("_T")

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
    lower bound, and a policy must never reject on it.
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


def format_version(version: tuple[int, ...]) -> str:
    """``(15, 6, 0)`` → ``"15.6"``: trailing zero parts beyond the minor are dropped."""
    parts = list(version)
    while len(parts) > 2 and parts[-1] == 0:
        parts.pop()
    return ".".join(str(p) for p in parts)


def positional_builder(cls: type[_T]) -> Callable[..., _T]:
    """A constructor for frozen, slotted dataclass ``cls`` taking every field positionally.

    It sets the slots directly instead of running the generated ``__init__`` (which
    goes through ``object.__setattr__`` once per field): about half the cost, and
    detection builds a :class:`Client` on every uncached request. The instance is
    the same frozen value ``cls(*values)`` would give. Classes with a
    ``__post_init__`` are refused, since it would not run.
    """
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__, which a positional builder skips")
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    if tuple(names) != getattr(cls, "__slots__", None):
        raise TypeError(f"{cls.__name__} must be a slotted dataclass whose slots are its fields")
    # One generated function with a pre-bound slot setter per field, as dataclasses
    # itself generates __init__: a loop over the setters would cost half the gain.
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    lines = [f"def build({', '.join(names)}):", "    self = new(cls)"]
    for i, name in enumerate(names):
        scope[f"set{i}"] = getattr(cls, name).__set__
        lines.append(f"    set{i}(self, {name})")
    lines.append("    return self")
    exec("\n".join(lines), scope)  # the source is built from field names only
    builder: Callable[..., _T] = scope["build"]
    builder.__qualname__ = f"positional_builder({cls.__name__})"
    return builder
