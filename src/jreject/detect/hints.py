"""User-Agent Client Hints (``Sec-CH-UA*``), read as RFC 9651 structured fields.

Only Chromium-based browsers send these. They are more trustworthy than the
reduced User-Agent string (which freezes the minor version and the OS), so a
well-formed ``Sec-CH-UA`` decides the browser. Anything malformed is dropped
field by field, never raised: headers come from the network.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import http_sf

from jreject.detect.limits import brand_list_fits, hint_item_fits, note_oversized

__all__ = [
    "BRAND_IDS",
    "GENERIC_BRANDS",
    "OUTRANKED_BRANDS",
    "Brand",
    "ClientHints",
    "hints_from_values",
    "is_grease",
    "parse_hints",
    "parse_version",
]

#: Brands that name the browser itself, mapped to canonical browser ids. A brand
#: listed here wins over the generic ``Chromium`` / ``Google Chrome`` brands that
#: every Chromium derivative also sends.
BRAND_IDS: dict[str, str] = {
    "microsoft edge": "edge",
    "opera": "opera",
    "opera gx": "opera",
    "opera mobile": "opera_mobile",
    "operamobile": "opera_mobile",
    "brave": "brave",
    "brave browser": "brave",
    "microsoft edge webview2": "edge_webview",
    "samsung internet": "samsung",
    "yandex": "yandex",
    "yabrowser": "yandex",
    "vivaldi": "vivaldi",
    "android webview": "android_webview",
    "google chrome": "chrome",
    "chromium": "chromium",
    "headlesschrome": "chrome",
}

#: Brands that a more specific brand in the same list outranks: Opera Mobile also
#: sends "Opera", and WebView2 also sends "Microsoft Edge".
OUTRANKED_BRANDS: frozenset[str] = frozenset({"opera", "microsoft edge"})

#: Brands every Chromium derivative carries: the fallback when nothing more specific is sent.
GENERIC_BRANDS: frozenset[str] = frozenset({"google chrome", "chromium", "headlesschrome"})
_GENERIC_ORDER: tuple[str, ...] = ("google chrome", "headlesschrome", "chromium")

# UA-CH spec §"GREASE-like brand" (wicg.github.io/ua-client-hints/#grease): the
# browser builds a fake brand from "Not", a GREASE character, "A", another, "Brand".
# Chromium ≤ 102 also put one of its legacy characters (space or ";") in front, and
# Chromium 84-88 drew them from a backslash, a double quote and ";" (`\Not"A;Brand`,
# `"Not\A;Brand`), which an unknown brand would otherwise report as the browser.
_GREASE_CHARS = re.escape(" ()-./:;=?_") + r"\\\""
_GREASE = re.compile(rf"[{_GREASE_CHARS}]?Not[{_GREASE_CHARS}]A[{_GREASE_CHARS}]Brand")

# The spec caps brands at 32 bytes; a little slack lets odd-but-real ones through.
_MAX_BRAND = 64
_MAX_VERSION_PARTS = 4
_VERSION = re.compile(r"\d{1,9}(?:\.\d{1,9}){0,3}")


@dataclass(frozen=True, slots=True)
class Brand:
    """One ``"brand";v="version"`` member of a brand list, GREASE already removed."""

    name: str
    version: tuple[int, ...]
    version_string: str


@dataclass(frozen=True, slots=True)
class ClientHints:
    """The client hints a request carried, each ``None``/empty when absent or malformed.

    ``full_versions`` comes from ``Sec-CH-UA-Full-Version-List``; ``platform_version``
    from ``Sec-CH-UA-Platform-Version`` (for Windows this is the *platform* version:
    13 and above mean Windows 11). ``grease`` says ``Sec-CH-UA`` carried a GREASE
    brand, as every Chromium browser's own list does; a list set through the DevTools
    protocol (Lighthouse, automation) has none.
    """

    brands: tuple[Brand, ...] = ()
    full_versions: tuple[Brand, ...] = ()
    mobile: bool | None = None
    platform: str | None = None
    platform_version: tuple[int, ...] = ()
    grease: bool = False

    def pick(self) -> tuple[str, Brand, Brand | None] | None:
        """The most specific brand: ``(browser id, brand, chromium brand)`` or ``None``.

        Versions come from the full version list when it names the same brand at
        the same major.
        ``chromium brand`` is the ``Chromium`` entry, the engine version.
        """
        full = {b.name.lower(): b for b in self.full_versions}
        brands = self.brands or self.full_versions
        names = {b.name.lower(): b for b in brands}
        chosen: tuple[str, Brand] | None = None
        for key, brand in names.items():
            if key in BRAND_IDS and key not in GENERIC_BRANDS:
                if chosen is None or key not in OUTRANKED_BRANDS:
                    chosen = (BRAND_IDS[key], brand)
                if key not in OUTRANKED_BRANDS:
                    break
        if chosen is None:
            # A brand we do not know that is not GREASE is a Chromium derivative
            # naming itself (Whale, DuckDuckGo …): more specific than "Chromium".
            unknown = next((b for k, b in names.items() if k not in BRAND_IDS), None)
            if unknown is not None:
                chosen = ("chromium", unknown)
            else:
                for key in _GENERIC_ORDER:
                    if key in names:
                        chosen = (BRAND_IDS[key], names[key])
                        break
        if chosen is None:
            return None
        browser, brand = chosen
        chromium = names.get("chromium")
        full_chromium = full.get("chromium")
        return (
            browser,
            _refined(brand, full.get(brand.name.lower())),
            _refined(chromium, full_chromium) if chromium else full_chromium,
        )


def _refined(brand: Brand, found: Brand | None) -> Brand:
    """``brand`` at the full version ``found``, unless that is of another major.

    A full version of another major is not this brand's: Opera puts its Chromium
    version there (Opera 84 on Chromium 98 sends ``"Opera";v="98.0.4758.82"``).
    """
    if found is None or (brand.version[:1] and found.version[:1] != brand.version[:1]):
        return brand
    return found


def is_grease(brand: str) -> bool:
    """Whether ``brand`` is one the UA-CH GREASE algorithm could have made up."""
    return _GREASE.fullmatch(brand) is not None


def parse_version(text: str) -> tuple[int, ...]:
    """``"130.0.6723.91"`` → ``(130, 0, 6723, 91)``; ``()`` for anything else."""
    match = _VERSION.match(text.strip())
    if match is None:
        return ()
    return tuple(int(p) for p in match.group().split(".")[:_MAX_VERSION_PARTS])


def parse_hints(headers: Mapping[str, str]) -> ClientHints | None:
    """The ``Sec-CH-UA*`` hints in ``headers`` (case-insensitive keys), or ``None`` if none."""
    return hints_from_values(
        headers.get("sec-ch-ua"),
        headers.get("sec-ch-ua-mobile"),
        headers.get("sec-ch-ua-platform"),
        headers.get("sec-ch-ua-platform-version"),
        headers.get("sec-ch-ua-full-version-list"),
    )


def hints_from_values(
    brands_raw: str | None,
    mobile_raw: str | None,
    platform_raw: str | None,
    version_raw: str | None,
    full_raw: str | None,
) -> ClientHints | None:
    """:func:`parse_hints` from the raw header values, in ``DETECTION_HEADERS`` order.

    The detector reads them all with one :func:`~jreject.detect.headers.detection_key`.
    A value over its bound (:mod:`jreject.detect.limits`) is ignored, as a malformed
    one is, and counted.
    """
    if brands_raw is None and mobile_raw is None and platform_raw is None and full_raw is None:
        # The three low-entropy hints come with every request of a browser that
        # sends hints at all; without them (or the full list) there are none.
        return None
    brands, grease = _brands(brands_raw, "sec-ch-ua")
    return ClientHints(
        brands=brands,
        full_versions=_brands(full_raw, "sec-ch-ua-full-version-list")[0],
        mobile=_boolean(_bounded(mobile_raw, "sec-ch-ua-mobile")),
        platform=_string(_bounded(platform_raw, "sec-ch-ua-platform")),
        platform_version=_platform_version(_bounded(version_raw, "sec-ch-ua-platform-version")),
        grease=grease,
    )


def _brands(value: str | None, header: str) -> tuple[tuple[Brand, ...], bool]:
    """The brands of a list, and whether a GREASE brand was among them."""
    if not value:
        return (), False
    if not brand_list_fits(value):
        note_oversized(header, value)
        return (), False
    return _brand_list(value)


def _bounded(value: str | None, header: str) -> str | None:
    if value is None or hint_item_fits(value):
        return value
    note_oversized(header, value)
    return None


# Browsers send the same few hint values over and over; parsing one with http-sf
# costs ~15 µs, a cache hit well under one. Only values within the bounds of
# jreject.detect.limits get here, so the caches hold at most ~0.5 MB.
@functools.lru_cache(maxsize=512)
def _brand_list(value: str) -> tuple[tuple[Brand, ...], bool]:
    try:
        members: Any = http_sf.parse(value.encode("latin-1"), tltype="list")
    except UnicodeError:
        return (), False
    except ValueError:
        # Not a structured field: brand names without their quotes (`Brave;v=131`), as
        # hand-written clients and some proxies send them. Read what is recognisable.
        return _lenient_brand_list(value)
    if len(members) == 1 and isinstance(members[0][0], str) and ";" in members[0][0]:
        # The whole list sent as one quoted string (seen in the wild, from proxies
        # and embedded browsers): read what it holds.
        return _lenient_brand_list(members[0][0])
    brands: list[Brand] = []
    grease = False
    for member in members:
        # A list member is (item, params); an inner list has a list as its item.
        name, params = member
        if isinstance(name, http_sf.Token):
            name = str(name)  # `Chromium;v=130`: the brand without its quotes
        if not isinstance(name, str) or not name or len(name) > _MAX_BRAND:
            continue
        if is_grease(name):
            grease = True
            continue
        raw = _version_text(params.get("v") if isinstance(params, dict) else None)
        if raw is None:
            continue
        brands.append(Brand(name, parse_version(raw), raw))
    return tuple(brands), grease


# One brand of a list that is not a valid structured field: `"Name";v="1.2"`, with
# or without the quotes. No nested repeats: linear in the length of the value.
_LENIENT_BRAND = re.compile(
    r'\s*\\?"?([^",;\\\x00-\x1f\x7f]{1,64})\\?"?\s*;\s*v\s*=\s*\\?"?([\d.]{1,40})'
)


def _lenient_brand_list(value: str) -> tuple[tuple[Brand, ...], bool]:
    # GREASE brands may hold ";" ("Not;A=Brand", " Not A;Brand"), which the brand
    # pattern cannot take: find and drop them first, or a real Chrome's list would
    # look GREASE-less, as a tool's does (see jreject.detect.emulation).
    grease = _GREASE.search(value) is not None
    if grease:
        value = _GREASE.sub("", value)
    brands: list[Brand] = []
    for part in value.split(","):
        found = _LENIENT_BRAND.match(part)
        if found is None:
            continue
        name, raw = found.group(1).strip(), found.group(2)
        if name:
            brands.append(Brand(name, parse_version(raw), raw))
    return tuple(brands), grease


def _version_text(value: object) -> str | None:
    """A version parameter or item as text: a string, or a bare number (`v=131`)."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return str(value)
    return None


# A platform version sent without its quotes (`15.0.0`) is no valid item at all.
_BARE_VERSION = re.compile(r"\d{1,9}(?:\.\d{1,9}){0,3}")


def _platform_version(value: str | None) -> tuple[int, ...]:
    if value is None:
        return ()
    text = _version_text(_item(value))
    if text is None and _BARE_VERSION.fullmatch(value.strip()):
        text = value
    return parse_version(text or "")


@functools.lru_cache(maxsize=256)
def _item(value: str) -> object:
    try:
        parsed: Any = http_sf.parse(value.encode("latin-1"), tltype="item")
    except (ValueError, UnicodeError):
        return None
    return parsed[0]


def _string(value: str | None) -> str | None:
    if value is None:
        return None
    item = _item(value)
    if isinstance(item, http_sf.Token):
        # `Windows` without its quotes parses as a token: the same word.
        item = str(item)
    return item if isinstance(item, str) and item else None


def _boolean(value: str | None) -> bool | None:
    if value is None:
        return None
    item = _item(value)
    return item if isinstance(item, bool) else None
