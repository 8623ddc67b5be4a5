"""ua-parser's answer for the everyday User-Agent shapes, without running ua-parser.

Most traffic is a handful of exact shapes: Chrome, Edge, Opera, Samsung Internet,
Yandex, Vivaldi and Safari in their reduced UA, the iOS browsers, Firefox, and on
Android the apps' WebView and (on older phones) Android's own browser. On those
ua-parser spends ~5-15 µs finding what one anchored match can read directly, and the
uncached verdict budget is 15 µs in all. So a UA that matches :data:`SHAPE` *in
full* gets its family and version from here; anything else, including any extra
token, goes to ua-parser. The WebView and the Android browser are answered as the
ua-parser rules that name them do (see :func:`_webview` and :func:`_tokens_of`).

This is not a second parser: it only knows tokens whose meaning is unambiguous,
and ``tests/detect/test_fastpath.py`` checks that the detector answers exactly the
same with and without it, on the whole corpus and on thousands of generated UAs.
The family names and version arities below are ua-parser's: :func:`verify` checks
them against the installed rules, and ``Detector.warm_up`` turns the fast path off
(with a warning) if a ua-parser release renamed one.
A full match also proves the UA carries no bot token, so the bot lists are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from jreject.detect.client import Engine
from jreject.detect.fixups import BrowserFacts, browser_facts

__all__ = ["MEMO_SIZE", "SHAPE", "FastPath", "FastResult", "fast_parse", "samples", "verify"]

_WEBKIT_PLATFORM = (
    r"Windows NT \d+\.\d+(?:; Win64; x64|; WOW64)?"
    r"|Macintosh; Intel Mac OS X \d+(?:[_.]\d+){1,2}"
    r"|X11; (?:Ubuntu; )?Linux (?:x86_64|i686|aarch64)"
    r"|X11; CrOS \w+ [\d.]+"
    # Android: its version, an optional locale (older releases), a model, then an
    # optional " Build/<id>": `[\w .-]+?(?: Build/[\w.-]+)?` in effect, written
    # greedy (the slash only after " Build", and not before any model) since a lazy
    # model tries the rest of the pattern at each character.
    r"|Linux; (?:U; )?Android (?P<android>\d+(?:\.\d+){0,2})(?:; [a-z]{2}[-_][a-zA-Z]{2})?"
    r"(?:; (?P<model>(?! Build/)[\w .-]+(?:(?<=[\w .-] Build)/[\w.-]+)?))?(?:; wv)?"
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


class FastResult(NamedTuple):
    """The platform text, what ua-parser would say (family, version parts), the engine,
    and :func:`~jreject.detect.fixups.browser_facts` of those (before any fix-up).

    A named tuple, not a frozen dataclass: one is built for half of all uncached
    requests, and a tuple costs a third as much to build.
    """

    platform: str
    family: str
    version: tuple[int, ...]
    version_string: str
    engine: Engine
    engine_version: tuple[int, ...]
    facts: BrowserFacts
    #: The device model of an Android comment (``None`` elsewhere): a free-text slot.
    model: str | None = None


#: Token lists :class:`FastPath` remembers, at most (then it starts afresh).
MEMO_SIZE = 4096

# What a token list says, for one kind of platform: (family, version, version text,
# engine, engine version, their browser facts), or None to decline.
_Read = tuple[str, tuple[int, ...], str, Engine, tuple[int, ...], BrowserFacts]
_Reading = _Read | None


class FastPath:
    """:func:`fast_parse` remembering what each product-token list says.

    A User-Agent is new, its parts are not: the product tokens after the platform
    comment (``"Chrome/131.0.0.0 Safari/537.36"``) recur across every platform and
    device model, so each list is read once per kind of platform. The memo holds
    at most :data:`MEMO_SIZE` lists and empties when full, so its memory is bounded
    whatever the traffic. Thread-safe: two threads racing on one list both read it,
    to the same answer. Each :class:`~jreject.detect.Detector` has its own.
    """

    __slots__ = ("_memo",)

    def __init__(self) -> None:
        self._memo: dict[tuple[str, str, str], _Reading] = {}

    def __call__(self, ua: str) -> FastResult | None:
        """ua-parser's family and version for an everyday UA, or ``None`` to ask ua-parser."""
        if not ua.startswith("Mozilla/5.0 ("):
            return None
        match = SHAPE.fullmatch(ua)
        if match is None:
            return None
        platform, android, model, webkit, token_text, gecko, rv, firefox = match.groups()
        if firefox is not None:
            return FastResult(gecko, *_read("Firefox", firefox, 4, "gecko", rv))
        kind = _platform_kind(platform)
        key = (kind, webkit, token_text)
        memo = self._memo
        reading = memo.get(key, _UNREAD)
        if reading is _UNREAD:
            reading = _read_tokens(kind, webkit, token_text)
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = reading
        if reading is None:
            return None
        if reading is _ANDROID_BROWSER:
            reading = self._android_browser(android, webkit)
        # _make takes the fields as one tuple: cheaper than the keyword-aware __new__.
        return FastResult._make((platform, *reading, model))

    def _android_browser(self, android: str, webkit: str) -> _Read:
        # ua-parser's version for Android's own browser is the Android version in
        # the comment ("Android 4.0.4"): read once per Android and WebKit version.
        key = ("Android browser", android, webkit)
        memo = self._memo
        reading = memo.get(key)
        if reading is None:
            reading = _read("Android", android, 3, "webkit", webkit)
            if len(memo) >= MEMO_SIZE:
                memo.clear()
            memo[key] = reading
        return reading


_UNREAD_FACTS = BrowserFacts("", "", (), "", "unknown", (), ())
_UNREAD: _Reading = ("", (), "", "unknown", (), _UNREAD_FACTS)
# A token list that is Android's own browser, whose version the comment gives.
_ANDROID_BROWSER: _Reading = ("Android", (), "", "webkit", (), _UNREAD_FACTS)


def fast_parse(ua: str) -> FastResult | None:
    """ua-parser's family and version for an everyday UA, or ``None`` to ask ua-parser."""
    return FastPath()(ua)


def _platform_kind(platform: str) -> str:
    # What the token rules below tell apart: iOS, Android (and Android's WebView
    # marker "; wv", which ua-parser reads), macOS, anything else.
    head = platform[:5]
    if head in ("iPhon", "iPad;"):
        return "ios"
    if head == "Linux" and platform.startswith(("Linux; Android", "Linux; U; Android")):
        return "android_wv" if platform.endswith("; wv") else "android"
    return "mac" if head == "Macin" else "other"


def _read_tokens(kind: str, webkit: str, token_text: str) -> _Reading:
    read = _tokens_of(kind, webkit, token_text)
    if read is _FROM_COMMENT:
        return _ANDROID_BROWSER
    return _read(*read) if read is not None else None


_ANDROID_BROWSER_TOKENS = frozenset({"Version", "Mobile", "Safari"})
_NEEDED = frozenset({"Version", "Safari"})
_FROM_COMMENT: tuple[str, str, int, Engine, str] = ("Android", "", 3, "webkit", "")


def _read(
    family: str, version: str, parts: int, engine: Engine, engine_version: str
) -> tuple[str, tuple[int, ...], str, Engine, tuple[int, ...], BrowserFacts]:
    # The browser facts are a function of the reading alone: kept with it in the
    # memo, they are worked out once per token list, not once per User-Agent.
    numbers = _numbers(family, version, parts, engine, engine_version)
    return (*numbers, browser_facts(*numbers))


def _tokens_of(kind: str, webkit: str, token_text: str) -> tuple[str, str, int, Engine, str] | None:
    # One C-level pass splits " Name/1.2 Mobile …" into (name, version) pairs.
    pairs = _TOKEN.findall(token_text)
    tokens = dict(pairs)
    if len(tokens) != len(pairs):
        return None  # a repeated token: not an everyday shape
    products = _PRODUCT_NAMES.intersection(tokens)
    ios_products = _IOS_PRODUCT_NAMES.intersection(tokens)
    if kind == "ios":
        if products or "Chrome" in tokens or len(ios_products) > 1:
            return None
        if ios_products:
            (product,) = ios_products
            family, parts = _IOS_PRODUCTS[product]
            return family, tokens[product], parts, "webkit", webkit
        if "Version" in tokens and "Safari" in tokens and "Mobile" in tokens:
            return "Mobile Safari", tokens["Version"], 2, "webkit", webkit
        return None
    if ios_products or len(products) > 1:
        return None
    chrome = tokens.get("Chrome")
    if chrome is None:
        if "Version" in tokens and "Safari" in tokens and kind == "mac":
            return "Safari", tokens["Version"], 2, "webkit", webkit
        if (
            kind == "android"
            and _ANDROID_BROWSER_TOKENS.issuperset(tokens)
            and tokens.keys() >= _NEEDED
        ):
            # "Version/4.0 [Mobile ]Safari/534.30" and no product: Android's own
            # browser, which ua-parser's "(…|Android) (\d+)…" rule names.
            return _FROM_COMMENT
        return None
    webview = kind == "android_wv"
    android = webview or kind == "android"
    if "Version" in tokens or webview:
        return _webview(pairs, chrome, android, webview, bool(products))
    if products:
        (product,) = products
        if product == "OPR" and android:
            return None  # Opera Mobile vs Opera on tablets: leave to ua-parser
        family, parts = _PRODUCTS[product]
        return family, tokens[product], parts, "blink", chrome
    return ("Chrome Mobile" if android else "Chrome"), chrome, 4, "blink", chrome


def _webview(
    pairs: list[tuple[str, str]], chrome: str, android: bool, webview: bool, products: bool
) -> tuple[str, str, int, Engine, str] | None:
    # ua-parser's two WebView rules, in its order: Version/ somewhere before a
    # four-part Chrome/, or "; wv)" somewhere before it. Anything else with
    # Version/ (an OEM browser, a three-part Chrome/) is ua-parser's job.
    if products or not android or chrome.count(".") != _WEBVIEW_DOTS:
        return None
    names = [name for name, _ in pairs]
    if not webview and names.index("Version") > names.index("Chrome"):
        return None
    return "Chrome Mobile WebView", chrome, 4, "blink", chrome


_WEBVIEW_DOTS = 3  # ua-parser's WebView rules read Chrome/(\d+)\.(\d+)\.(\d+)\.(\d+)


def _numbers(
    family: str, version: str, parts: int, engine: Engine, engine_version: str
) -> tuple[str, tuple[int, ...], str, Engine, tuple[int, ...]]:
    kept = version.split(".")
    if len(kept) > parts:
        del kept[parts:]
        version = ".".join(kept)
    numbers = tuple(map(int, kept))
    # Chrome's own version is its engine's: convert the digits once.
    engine_numbers = (
        numbers if engine_version == version else tuple(map(int, engine_version.split(".")))
    )
    return family, numbers, version, engine, engine_numbers


# One User-Agent per shape and product token, as browsers send them, for verify():
# ua-parser's rules must give each the browser and major this module gives.
_DESKTOP_PLATFORMS = (
    "Windows NT 10.0; Win64; x64",
    "Macintosh; Intel Mac OS X 10_15_7",
    "X11; Linux x86_64",
)
_ANDROID = "Linux; Android 10; K"


def samples() -> list[str]:
    """Everyday User-Agents of every shape and product this module answers."""
    chrome = "Chrome/131.0.0.0"
    webkit = "AppleWebKit/537.36 (KHTML, like Gecko)"
    uas = []
    for platform in _DESKTOP_PLATFORMS:
        head = f"Mozilla/5.0 ({platform}) {webkit} {chrome} Safari/537.36"
        uas.append(head)
        uas.extend(
            f"{head} {product}/{version}"
            for product, version in (
                ("Edg", "131.0.2903.86"),
                ("OPR", "115.0.0.0"),
                ("YaBrowser", "24.12.0.0"),
                ("Vivaldi", "7.0.3495.27"),
            )
        )
    android = f"Mozilla/5.0 ({_ANDROID}) {webkit}"
    uas.append(f"{android} {chrome} Mobile Safari/537.36")
    uas.append(f"{android} {chrome} Mobile Safari/537.36 EdgA/131.0.2903.87")
    uas.append(f"{android} SamsungBrowser/27.0 {chrome} Mobile Safari/537.36")
    uas.append(
        "Mozilla/5.0 (Linux; U; Android 4.0.4; en-us; GT-I9300 Build/IMM76D) AppleWebKit/534.30 "
        "(KHTML, like Gecko) Version/4.0 Mobile Safari/534.30"
    )
    uas.append(f"{android} Version/4.0 Chrome/131.0.6778.135 Mobile Safari/537.36")
    webview = f"Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/UQ1A.240205.004; wv) {webkit}"
    uas.append(f"{webview} Version/4.0 Chrome/131.0.6778.135 Mobile Safari/537.36")
    uas.append(f"{webview} Chrome/131.0.6778.135 Mobile Safari/537.36")
    for platform in ("iPhone; CPU iPhone OS 17_6 like Mac OS X", "iPad; CPU OS 17_6 like Mac OS X"):
        head = f"Mozilla/5.0 ({platform}) AppleWebKit/605.1.15 (KHTML, like Gecko)"
        uas.append(f"{head} Version/17.6 Mobile/15E148 Safari/604.1")
        uas.append(f"{head} CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1")
        uas.append(f"{head} FxiOS/133.0 Mobile/15E148 Safari/605.1.15")
        uas.append(f"{head} EdgiOS/131.0.2903.92 Version/17.0 Mobile/15E148 Safari/604.1")
    uas.append(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/18.2 Safari/605.1.15"
    )
    uas.append("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0")
    uas.append("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0")
    return uas


def verify(browser: Callable[[str], Any], family_ids: Mapping[str, str]) -> list[str]:
    """The :func:`samples` on which this module and ua-parser's ``browser`` disagree.

    ``browser`` is :meth:`jreject.detect.useragent.UAParser.browser`; ``family_ids``
    maps ua-parser families to browser ids. Answers agree when both name the same
    browser id at the same major version. An empty list means the family names
    copied here still match the installed rules (a ua-parser-builtins release that
    renames a family shows up here).
    """
    wrong = []
    for ua in samples():
        fast = fast_parse(ua)
        parsed = browser(ua)
        if fast is None or parsed is None:
            wrong.append(ua)
            continue
        ours = (family_ids.get(fast.family), str(fast.version[0]) if fast.version else None)
        theirs = (family_ids.get(parsed.family), parsed.major)
        if ours != theirs or ours[0] is None:
            wrong.append(ua)
    return wrong
