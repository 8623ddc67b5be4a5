"""ua-parser's answer for the everyday User-Agent shapes, without running ua-parser.

Most traffic is a handful of exact shapes: Chrome, Edge, Opera, Samsung Internet,
Yandex, Vivaldi and Safari in their reduced UA, the iOS browsers, Firefox. On those
ua-parser spends ~15 µs finding what one anchored match can read directly, and the
uncached verdict budget is 15 µs in all. So a UA that matches :data:`SHAPE` *in
full* gets its family and version from here; anything else, including any extra
token, goes to ua-parser.

This is not a second parser: it only knows tokens whose meaning is unambiguous,
and ``tests/detect/test_fastpath.py`` checks that the detector answers exactly the
same with and without it, on the whole corpus and on thousands of generated UAs.
A full match also proves the UA carries no bot token, so the bot lists are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jreject.detect.client import Engine

__all__ = ["SHAPE", "FastResult", "fast_parse"]

_WEBKIT_PLATFORM = (
    r"Windows NT \d+\.\d+(?:; Win64; x64|; WOW64)?"
    r"|Macintosh; Intel Mac OS X \d+(?:[_.]\d+){1,2}"
    r"|X11; (?:Ubuntu; )?Linux (?:x86_64|i686|aarch64)"
    r"|X11; CrOS \w+ [\d.]+"
    r"|Linux; Android \d+(?:\.\d+){0,2}(?:; [\w .-]+?(?: Build/[\w.-]+)?)?"
    r"|iPhone; CPU iPhone OS \d+(?:_\d+){0,2} like Mac OS X"
    r"|iPad; CPU OS \d+(?:_\d+){0,2} like Mac OS X"
)
_GECKO_PLATFORM = (
    r"Windows NT \d+\.\d+(?:; Win64; x64|; WOW64)?"
    r"|Macintosh; Intel Mac OS X \d+\.\d+"
    r"|X11; (?:Ubuntu; )?Linux (?:x86_64|i686|aarch64)"
    r"|Android \d+(?:\.\d+){0,2}; (?:Mobile|Tablet)"
)
_TOKEN_NAMES = (
    "Chrome|Safari|Version|CriOS|FxiOS|EdgiOS|EdgA|Edg|OPR|SamsungBrowser|YaBrowser|Vivaldi"
)

#: The shapes answered here: one full match or nothing.
SHAPE = re.compile(
    rf"Mozilla/5\.0 \((?P<platform>{_WEBKIT_PLATFORM})\)"
    r" AppleWebKit/(?P<webkit>\d+(?:\.\d+){0,2}) \(KHTML, like Gecko\)"
    rf"(?P<tokens>(?: (?:Mobile(?:/\w+)?|(?:{_TOKEN_NAMES})/\d+(?:\.\d+){{0,3}}))+)"
    rf"|Mozilla/5\.0 \((?P<gecko>{_GECKO_PLATFORM}); rv:(?P<rv>\d+\.\d+)\) Gecko/[\d.]+"
    r" Firefox/(?P<firefox>\d+(?:\.\d+){0,2})"
)

# Product tokens that name a browser other than Chrome, with ua-parser's family
# for it and how many version parts ua-parser reports for that family.
_PRODUCTS: dict[str, tuple[str, int]] = {
    "Edg": ("Edge", 4),
    "EdgA": ("Edge Mobile", 4),
    "OPR": ("Opera", 3),
    "SamsungBrowser": ("Samsung Internet", 4),
    "YaBrowser": ("Yandex Browser", 3),
    "Vivaldi": ("Vivaldi", 3),
}
_IOS_PRODUCTS: dict[str, tuple[str, int]] = {
    "CriOS": ("Chrome Mobile iOS", 4),
    "FxiOS": ("Firefox iOS", 4),
    "EdgiOS": ("Edge Mobile", 4),
}

_PRODUCT_NAMES = frozenset(_PRODUCTS)
_IOS_PRODUCT_NAMES = frozenset(_IOS_PRODUCTS)
# A product token of SHAPE's token list: "Chrome/131.0.0.0", "Mobile/15E148", "Mobile".
_TOKEN = re.compile(r"(\w+)/?([\w.]*)")


@dataclass(frozen=True, slots=True)
class FastResult:
    """What ua-parser would say (family, version parts), the platform text and the engine."""

    family: str
    version: tuple[int, ...]
    version_string: str
    platform: str
    engine: Engine
    engine_version: tuple[int, ...]


def fast_parse(ua: str) -> FastResult | None:
    """ua-parser's family and version for an everyday UA, or ``None`` to ask ua-parser."""
    if not ua.startswith("Mozilla/5.0 ("):
        return None
    match = SHAPE.fullmatch(ua)
    if match is None:
        return None
    platform, webkit, token_text, gecko, rv, firefox = match.groups()
    if firefox is not None:
        return _result("Firefox", firefox, 4, gecko, "gecko", rv)
    # One C-level pass splits " Name/1.2 Mobile …" into (name, version) pairs.
    pairs = _TOKEN.findall(token_text)
    tokens = dict(pairs)
    if len(tokens) != len(pairs):
        return None  # a repeated token: not an everyday shape
    products = _PRODUCT_NAMES.intersection(tokens)
    ios_products = _IOS_PRODUCT_NAMES.intersection(tokens)
    if platform.startswith(("iPhone", "iPad")):
        if products or "Chrome" in tokens or len(ios_products) > 1:
            return None
        if ios_products:
            (product,) = ios_products
            family, parts = _IOS_PRODUCTS[product]
            return _result(family, tokens[product], parts, platform, "webkit", webkit)
        if "Version" in tokens and "Safari" in tokens and "Mobile" in tokens:
            return _result("Mobile Safari", tokens["Version"], 2, platform, "webkit", webkit)
        return None
    if ios_products or len(products) > 1:
        return None
    chrome = tokens.get("Chrome")
    if chrome is None:
        if "Version" in tokens and "Safari" in tokens and platform.startswith("Macintosh"):
            return _result("Safari", tokens["Version"], 2, platform, "webkit", webkit)
        return None
    if "Version" in tokens:
        # "Version/4.0 Chrome/…" is a WebView or an OEM browser: ua-parser's job.
        return None
    android = platform.startswith("Linux; Android")
    if products:
        (product,) = products
        if product == "OPR" and android:
            return None  # Opera Mobile vs Opera on tablets: leave to ua-parser
        family, parts = _PRODUCTS[product]
        return _result(family, tokens[product], parts, platform, "blink", chrome)
    family = "Chrome Mobile" if android else "Chrome"
    return _result(family, chrome, 4, platform, "blink", chrome)


def _result(
    family: str, version: str, parts: int, platform: str, engine: Engine, engine_version: str
) -> FastResult:
    kept = version.split(".")
    if len(kept) > parts:
        del kept[parts:]
        version = ".".join(kept)
    numbers = tuple(map(int, kept))
    # Chrome's own version is its engine's: convert the digits once.
    engine_numbers = (
        numbers if engine_version == version else tuple(map(int, engine_version.split(".")))
    )
    return FastResult(family, numbers, version, platform, engine, engine_numbers)
