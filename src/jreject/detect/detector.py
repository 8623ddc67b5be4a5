"""Request headers → :class:`~jreject.detect.client.Client`.

The order of evidence: a bot check first (a bot's browser does not matter), then
well-formed client hints for the browser, OS and device, then the User-Agent
through ua-parser and :mod:`jreject.detect.fixups` for whatever the hints left out.
Nothing here raises on what a request carries.
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from jreject.detect.caniuse import caniuse_for
from jreject.detect.catalog import (
    BROWSERS,
    DESKTOP_OSES,
    IOS_OSES,
    MOBILE_OSES,
    OSES,
    is_chromium_based,
)
from jreject.detect.client import Client, Device, Source, Sources
from jreject.detect.emulation import emulation_name
from jreject.detect.fastpath import FastPath
from jreject.detect.fastpath import verify as verify_fast_path
from jreject.detect.fixup_rules import apply_fixups
from jreject.detect.fixups import FAMILY_IDS, BrowserFacts, resolve_browser, token_version
from jreject.detect.headers import DETECTION_HEADERS, Headers, HeadersLike, detection_key
from jreject.detect.limits import note_oversized
from jreject.detect.platforms import (
    Platform,
    device_from_ua,
    platform_of_shape,
    read_platform,
    shape_key,
)
from jreject.detect.useragent import MAX_UA_LENGTH, ResolverKind, UAParser, build_parser, normalized

if TYPE_CHECKING:
    from jreject.detect.bots import BotMatcher
    from jreject.detect.hints import ClientHints

__all__ = ["Detector", "default_detector", "detect"]

#: ``Sec-CH-UA-Platform`` values → OS ids (the spec's list plus what browsers send).
HINT_PLATFORMS: dict[str, str] = {
    "windows": "windows",
    "macos": "macos",
    "linux": "linux",
    "android": "android",
    "chrome os": "chromeos",
    "chromeos": "chromeos",
    "chromium os": "chromeos",
    "ios": "ios",
    "fuchsia": "fuchsia",
    "harmonyos": "harmonyos",
    "openharmony": "harmonyos",
}
# Windows 11 reports platform version 13 and above (Microsoft's documented rule).
_WINDOWS_11_FROM = 13
_HEADLESS = "HeadlessChrome"
# Device models whose bot answer a detector keeps (each a short string and a tuple).
_MODELS_KEPT = 4096
_IOS = IOS_OSES
_DESKTOP_OSES = DESKTOP_OSES

Input = Headers | HeadersLike | Iterable[tuple[bytes, bytes]] | str | bytes | None


class Detector:
    """Turns request headers into a :class:`Client`. Build once, call per request.

    ``bot_patterns`` are extra regular expressions (``re.search``, case-sensitive;
    write ``(?i)`` to ignore case) that mark a User-Agent as a bot. ``resolver`` picks
    ua-parser's backend: ``"auto"`` (the Rust matcher when installed), ``"rust"`` or
    ``"python"``. ``fast_path=False`` sends every UA through ua-parser, even the
    everyday shapes :mod:`jreject.detect.fastpath` answers (same results, slower).
    Calls are thread-safe.
    """

    __slots__ = ("_bots", "_fast", "_models", "_user_bots", "parser")

    def __init__(
        self,
        *,
        bot_patterns: Sequence[str] = (),
        resolver: ResolverKind = "auto",
        fast_path: bool = True,
    ):
        self.parser: UAParser = build_parser(resolver)
        # The bot matcher's module (re2, Aho-Corasick, the bot data) is imported when
        # a User-Agent first needs it: a one-off check of an everyday UA never does.
        # Your own patterns are compiled now, so that a bad one fails here.
        self._bots: BotMatcher | None = (
            _bot_matcher(bot_patterns, self.parser) if bot_patterns else None
        )
        self._user_bots = bool(bot_patterns)
        self._fast: FastPath | None = FastPath() if fast_path else None
        # What the bot matcher says of each Android device model of an everyday
        # UA: models recur across browsers and versions (bounded, see _model_bot).
        self._models: dict[str, tuple[str, str] | None] = {}

    def warm_up(self) -> Detector:
        """Build every rule set now, so that no request pays for it; returns ``self``.

        A detector builds ua-parser's rule sets on first use, so a one-off check
        starts fast; a server calls this at start-up (the default detector's first
        uncached request would otherwise take ~0.1 s more).
        """
        self.parser.warm_up()
        self._matcher().warm_up()
        for sample in _WARM_UP_SAMPLES:
            # What the rule sets leave for a first request: the Client Hints parser
            # (~9 ms to import), the Firefox ESR table (~2 ms to load).
            self(sample)
        if self._fast is not None:
            wrong = verify_fast_path(self.parser.browser, FAMILY_IDS)
            if wrong:
                # A ua-parser release renamed a family the fast path copies: answer
                # every User-Agent through ua-parser, slower but right.
                self._fast = None
                _logger.warning(
                    "jreject's fast path disagrees with the installed ua-parser rules "
                    "on %d User-Agent(s), e.g. %r; every User-Agent goes to ua-parser",
                    len(wrong),
                    wrong[0],
                )
        return self

    @property
    def backend(self) -> str:
        """``"ua-parser-rs"`` or ``"python"``: what parses User-Agents here."""
        return self.parser.backend

    def __call__(self, source: Input) -> Client:
        """Detect the client from headers (any supported shape) or a bare User-Agent."""
        if isinstance(source, str):
            # A bare User-Agent carries no hints: no header view to build.
            return self._detect(source, None)
        return self.from_key(detection_key(_as_headers(source)))

    def from_key(self, key: Sequence[str | None]) -> Client:
        """Detect from the values of ``DETECTION_HEADERS``, in order (``None``: absent).

        This is what :class:`~jreject.policy.cache.VerdictCache` holds as its key, so
        a cache miss detects without building a header view again.
        """
        for value in key:  # a loop, not all(<generator>): half the cost per request
            if value is not None and type(value) is not str:
                # A WSGI server that broke PEP 3333 (bytes, numbers): let the header
                # view decode or drop each value, as it does for any other input.
                return self(dict(zip(DETECTION_HEADERS, key, strict=True)))
        full_ua, brands, mobile, platform, version, full_list, requested_with = key
        if brands is None and mobile is None and platform is None and full_list is None:
            # No hints at all (Firefox, Safari, bots, Chrome on plain HTTP): nothing
            # to parse, and http-sf need not even be imported.
            return self._detect(full_ua or "", None, requested_with)
        from jreject.detect.hints import hints_from_values

        hints = hints_from_values(brands, mobile, platform, version, full_list)
        return self._detect(full_ua or "", hints, requested_with)

    def _detect(
        self, full_ua: str, hints: ClientHints | None, requested_with: str | None = None
    ) -> Client:
        # Real UAs are far shorter; what lies past the cut cannot change the answer
        # and would only cost regex time (see MAX_UA_LENGTH).
        ua = full_ua[:MAX_UA_LENGTH]
        if len(full_ua) > MAX_UA_LENGTH:
            note_oversized("user-agent", full_ua, cut=True)
        picked = hints.pick() if hints else None
        headless = hints is not None and any(
            brand.name == _HEADLESS for brand in (*hints.brands, *hints.full_versions)
        )

        # ua-parser's rules and our token reads are case-sensitive and expect
        # "Token/1.0": a UA mangled on the way is read as browsers spell it.
        text = normalized(ua)
        bot, facts, platform, fixed_device = self._read_user_agent(ua, text, headless)
        if bot is None and (hints is not None or "Chrome/" in ua):
            # Lighthouse poses as an old Chrome: its headers, not its words, give it away
            # (without hints, only a UA naming Chrome/ can be one of its UAs).
            emulated = emulation_name(ua, hints)
            bot = (emulated, "monitor") if emulated else None
        # Sources are tracked as plain strings and built once at the end.
        said: Source = "user-agent" if ua else "none"
        from_browser: Source = said if facts.browser != "unknown" else "none"
        from_version: Source = said if facts.version else "none"
        from_os: Source = said if platform.os != "unknown" else "none"
        from_os_version: Source = said if platform.version else "none"
        device: Device = fixed_device or (device_from_ua(text, platform.os) if ua else "unknown")
        from_device: Source = "user-agent" if device != "unknown" else "none"
        if (
            hints is not None
            and platform.os not in _IOS
            and HINT_PLATFORMS.get((hints.platform or "").lower()) not in _IOS
        ):
            # No iOS browser sends client hints (all are WebKit): ones that appear, or
            # that claim iOS, were made up on the way and would make Blink of WebKit.
            platform, hinted_os, hinted_version = _platform_from_hints(hints, platform)
            if hinted_os:
                from_os = "client-hints"
            if hinted_version:
                from_os_version = "client-hints"
            hinted_device = _device_from_hints(hints, platform.os)
            if hinted_device is not None:
                device, from_device = hinted_device, "client-hints"
            if picked is not None:
                facts, decided = _facts_from_hints(picked, facts, hints.mobile, text)
                if decided:
                    from_browser = from_version = "client-hints"

        os = platform.os
        if requested_with is not None and os == "android":
            facts = _in_app_webview(facts, requested_with)
        mobile = os in MOBILE_OSES or (device in ("mobile", "tablet") and os not in _DESKTOP_OSES)
        agent, agent_version = caniuse_for(facts, os, platform.version, mobile, text)
        if bot is not None:
            device = "bot"
            from_device = "client-hints" if headless else "user-agent"
        # Positional, in Client's field order: keyword arguments cost ~1 µs more here.
        return Client(
            facts.browser,  # browser
            facts.name,  # browser_name
            facts.version,  # version
            facts.version_string,  # version_string
            facts.engine,  # engine
            facts.engine_version,  # engine_version
            os,  # os
            OSES[os].name,  # os_name
            platform.version,  # os_version
            platform.frozen,  # os_version_frozen
            device,  # device
            bot is not None,  # is_bot
            bot[0] if bot else None,  # bot_name
            bot[1] if bot else None,  # bot_category
            agent,  # caniuse_agent
            agent_version,  # caniuse_version
            facts.chromium_version,  # chromium_version
            _sources(from_browser, from_version, from_os, from_os_version, from_device),
            full_ua,  # user_agent
        )

    def _read_user_agent(
        self, ua: str, text: str, headless: bool
    ) -> tuple[tuple[str, str] | None, BrowserFacts, Platform, Device | None]:
        fast = self._fast(ua) if self._fast is not None else None
        family: str | None
        if fast is not None:
            # A full match of the everyday shapes proves there is no bot token, so
            # only the caller's own patterns are worth asking, and the device model
            # of an Android comment, where a service may name itself.
            if self._user_bots or headless:
                bot_name = self._bot_name(ua, headless)
            else:
                # An Android comment's device model is the one free-text slot.
                model = fast.model
                bot_name = self._model_bot(model) if model else None
            platform = platform_of_shape(shape_key(fast.platform))
            return (bot_name, *apply_fixups(ua, fast.facts, platform))
        bot_name = self._bot_name(ua, headless)
        parsed = self.parser.browser(text) if text else None
        family = parsed.family if parsed else None
        version, version_string = _ua_version(parsed)
        platform = read_platform(text) if text else Platform("unknown")
        facts = resolve_browser(text, family, version, version_string, platform.os)
        return (bot_name, *apply_fixups(text, facts, platform))

    def _model_bot(self, model: str) -> tuple[str, str] | None:
        models = self._models
        if model in models:
            return models[model]
        found = self._matcher().match_model(model)
        if len(models) >= _MODELS_KEPT:
            models.clear()  # bounded whatever the traffic; rebuilt from what recurs
        models[model] = found
        return found

    def _bot_name(self, ua: str, headless: bool) -> tuple[str, str] | None:
        if headless:
            return _HEADLESS, "headless"
        if not ua:
            return None
        # ua-parser's device rules also mark "Spider"s, but by bare substrings
        # ("bot" inside "Caboto", a company an IE toolbar names): the bot matcher's
        # word-aware patterns decide alone.
        return self._matcher().match(ua)

    def _matcher(self) -> BotMatcher:
        bots = self._bots
        if bots is None:
            # Two threads racing here build two equal matchers; one is kept.
            bots = self._bots = _bot_matcher((), self.parser)
        return bots


#: Requests whose detection loads what a rule set does not: run by :meth:`Detector.warm_up`.
_WARM_UP_SAMPLES: tuple[dict[str, str], ...] = (
    {
        "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36",
        "Sec-CH-UA": '"Chromium";v="140", "Google Chrome";v="140", "Not;A=Brand";v="24"',
        "Sec-CH-UA-Mobile": "?0",
        "Sec-CH-UA-Platform": '"Windows"',
        "Sec-CH-UA-Platform-Version": '"19.0.0"',
        "Sec-CH-UA-Full-Version-List": '"Chromium";v="140.0.7339.80", '
        '"Google Chrome";v="140.0.7339.80", "Not;A=Brand";v="24.0.0.0"',
    },
    {
        "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 "
        "Firefox/140.0"
    },
)


def _bot_matcher(patterns: Sequence[str], parser: UAParser) -> BotMatcher:
    from jreject.detect.bots import BotMatcher

    # A lone token is a feature phone's when ua-parser's device rules name its maker.
    return BotMatcher(patterns, names_device=parser.names_device)


def _as_headers(source: Input) -> Headers:
    if isinstance(source, Headers):
        return source
    if isinstance(source, str):
        return Headers({"user-agent": source})
    if isinstance(source, bytes | bytearray):
        return Headers({"user-agent": bytes(source)})
    return Headers(source)


def _ua_version(parsed: Any) -> tuple[tuple[int, ...], str]:
    if parsed is None:
        return (), ""
    parts: list[str] = []
    for part in (parsed.major, parsed.minor, parsed.patch, parsed.patch_minor):
        if part is None or not part.isdigit():
            break
        parts.append(part)
    return tuple(map(int, parts)), ".".join(parts)


# Sources are frozen values and there are only 3**5 of them: share one per combination.
_sources = functools.cache(Sources)


def _platform_from_hints(hints: ClientHints, platform: Platform) -> tuple[Platform, bool, bool]:
    os_id = HINT_PLATFORMS.get((hints.platform or "").lower())
    if os_id is None:
        return platform, False, False
    version = hints.platform_version
    if not version:
        same = os_id == platform.os
        return (
            Platform(os_id, platform.version if same else (), platform.frozen and same),
            True,
            False,
        )
    if os_id == "windows":
        # Sec-CH-UA-Platform-Version is the Windows *platform* version, not the
        # marketing one: 13+ is Windows 11, 1–12 Windows 10, 0.x older.
        if version[0] >= _WINDOWS_11_FROM:
            version = (11,)
        elif version[0] >= 1:
            version = (10,)
        else:
            return Platform(os_id, platform.version, platform.frozen), True, False
    return Platform(os_id, version), True, True


def _device_from_hints(hints: ClientHints, os: str) -> Device | None:
    if hints.mobile is True:
        return "mobile"
    if hints.mobile is False:
        if os in MOBILE_OSES:
            return "tablet"
        if os in _DESKTOP_OSES:
            return "desktop"
    return None


# Hint brands that say only "some Chromium": a UA naming a specific Chromium-based
# browser (Samsung Internet, Opera Mobile, UC, an in-app browser …) knows more.
_GENERIC_HINT_IDS = frozenset({"chrome", "chromium", "android_webview"})
# hints.GENERIC_BRANDS but HeadlessChrome (a bot either way), without importing http-sf
# into the no-hints path.
_GENERIC_BRAND_NAMES = frozenset({"google chrome", "chromium"})


def _facts_from_hints(
    picked: tuple[str, Any, Any], facts: BrowserFacts, mobile: bool | None, ua: str
) -> tuple[BrowserFacts, bool]:
    """The browser facts once hints are applied, and whether the hints decided them."""
    browser, brand, chromium_brand = picked
    chromium = chromium_brand.version if chromium_brand else facts.chromium_version
    if browser == "chromium" and brand.name == "Chromium" and facts.browser == "chrome":
        # Only "Chromium" in the list (a Chrome build that sends no "Google Chrome"
        # brand): the UA's Chrome stands, at the hinted Chromium version. The UA's own
        # version is kept only where it says more of the same major: a UA naming
        # another major was set by hand (an extension, a test's user_agent=), which
        # leaves the hints as the browser sends them.
        same = chromium[:1] == facts.version[:1]
        version = facts.version if same and len(facts.version) > len(chromium) else chromium
        version = version or facts.version
        hinted = replace(
            facts,
            version=version,
            version_string=".".join(map(str, version)),
            engine="blink",
            engine_version=chromium,
            chromium_version=chromium,
        )
        return hinted, True
    # A UA's "chromium" with a name of its own (Amazon Silk, Electron) knows more than
    # a hinted "Chromium" / "Google Chrome", as a UA's Samsung Internet does.
    named_chromium = (
        facts.browser == "chromium"
        and facts.name != "Chromium"
        and brand.name.lower() in _GENERIC_BRAND_NAMES
    )
    if (
        browser in _GENERIC_HINT_IDS
        and (facts.browser not in _GENERIC_HINT_IDS or named_chromium)
        and facts.browser != "unknown"
        and (is_chromium_based(facts.browser) or BROWSERS[facts.browser].engine == "unknown")
    ):
        hinted = replace(facts, engine="blink", engine_version=chromium, chromium_version=chromium)
        return hinted, False
    if browser == "opera" and mobile:
        browser = "opera_mobile"
    name = brand.name if browser == "chromium" else BROWSERS[browser].name
    version = brand.version
    if browser in ("opera", "opera_mobile"):
        # Opera sends its Chromium version under the Opera brand: its own is OPR/.
        version = token_version(_OPR, ua) or version
    if browser == "chromium" and chromium:
        # A derivative naming itself (Whale, HuaweiBrowser, DuckDuckGo) counts versions
        # of its own; jreject versions it by its Chromium, as without hints.
        version = chromium
    elif browser in ("brave", "android_webview") and len(chromium) > len(version):
        version = chromium
    dotted = ".".join(map(str, version))
    return BrowserFacts(browser, name, version, dotted, "blink", chromium, chromium), True


# Browsers that send their own package in X-Requested-With: not an app's WebView.
BROWSER_PACKAGES: frozenset[str] = frozenset(
    {
        "com.android.browser",
        "com.android.chrome",
        "com.sec.android.app.sbrowser",
        "com.sec.android.app.sbrowser.beta",
        "com.opera.browser",
        "com.opera.mini.native",
        "com.UCMobile.intl",
        "com.uc.browser.en",
        "com.brave.browser",
        "com.microsoft.emmx",
        "com.yandex.browser",
        "com.vivaldi.browser",
        "com.duckduckgo.mobile.android",
        "com.kiwibrowser.browser",
        "com.mi.globalbrowser",
        "com.huawei.browser",
        "com.heytap.browser",
        "org.mozilla.firefox",
        "org.mozilla.focus",
    }
)
_WEBVIEW_HOSTS = frozenset({"chrome", "chromium", "android_webview"})


def _in_app_webview(facts: BrowserFacts, package: str) -> BrowserFacts:
    """An app's WebView, named by the package X-Requested-With carries."""
    if package in BROWSER_PACKAGES or facts.browser not in _WEBVIEW_HOSTS:
        return facts
    return replace(facts, browser="android_webview", name=package)


_OPR = re.compile(r"OPR/(\d+(?:\.\d+){0,3})")

_logger = logging.getLogger("jreject")

_default: Detector | None = None
_default_lock = threading.Lock()


def default_detector() -> Detector:
    """The shared default :class:`Detector`, built on first use (rules load in ~0.3 s)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Detector().warm_up()
        return _default


def detect(source: Input) -> Client:
    """Detect with the default :class:`Detector`: ``detect(request.headers)``."""
    detector = _default if _default is not None else default_detector()
    return detector(source)
