"""The browser families and operating systems an edge rule can tell apart by the User-Agent.

Each family has the tokens that name it and its version (in the order ua-parser tries
them: Opera and Edge carry ``Chrome/`` too, every iOS browser is WebKit), and sample
User-Agents for a version on each system it runs on. :mod:`jreject.export.rules` asks
the real policy about the samples: the export is the policy's own answers, never a
second implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["BOTS", "FAMILIES", "GUARDS", "PLATFORMS", "Family", "Pattern", "Platform"]

Sample = Callable[[int, int], str]


@dataclass(frozen=True, slots=True)
class Pattern:
    """One way a family writes its version: ``before`` + major [``sep`` minor]."""

    before: str
    #: What separates major and minor (``\\.`` or ``_``); None: the minor is not read.
    sep: str | None = None
    #: What must follow the version (after one non-digit), e.g. ``.*Safari/``.
    after: str = ""


@dataclass(frozen=True, slots=True)
class Platform:
    """An operating system the edge tells by a token of the User-Agent."""

    #: The OS id detection reports (``Client.os``).
    os: str
    #: Found in the User-Agent exactly where detection reports ``os`` (checked on the
    #: detection corpus by tests/export/test_os_rules.py), and where no other token is.
    token: str
    #: The token as the export's header names it.
    shown: str


#: The systems an OS key of the policy is expressed for. A User-Agent that shows none
#: of these tokens (Windows 98, FreeBSD, a smart TV) gets its family's most lenient class.
PLATFORMS: tuple[Platform, ...] = (
    Platform("windows", "Windows NT ", "Windows NT"),
    Platform("windows_phone", "Windows Phone", "Windows Phone"),
    # Not Windows Phone's "(Windows Phone 10.0; Android 6.0.1": Python says windows_phone.
    Platform("android", "\\((?:Linux; (?:U; )?)?Android", "Android"),
    Platform("chromeos", "CrOS ", "CrOS"),
    Platform("linux", "X11;[^)]*Linux", "X11 Linux"),
    Platform("macos", "Macintosh", "Macintosh"),
    Platform("ios", "\\((?:iPhone|iPod)", "iPhone/iPod"),
    Platform("ipados", "\\(iPad", "iPad"),
)


@dataclass(frozen=True, slots=True)
class Family:
    """A browser family as the edge sees it."""

    name: str
    #: Any of these, followed by the version, names the family and its version.
    patterns: tuple[Pattern, ...]
    #: Sample User-Agents for (major, minor), each on the OS (a :data:`PLATFORMS` id) it
    #: names. Where samples on one OS disagree, the export keeps the most lenient answer.
    samples: tuple[tuple[str, Sample], ...]
    #: Majors to probe; newer ones get the answer of the newest probed.
    majors: range
    #: Whether the minor version can matter (Safari 17.2, iOS 15.4).
    minors: bool = False
    #: What the export cannot see for this family, written into the export.
    caveat: str | None = None
    #: Patterns that name the family on one OS by themselves (iOS browsers say iPhone or
    #: iPad in the same parentheses as the version); other families get the OS's token.
    own_platforms: tuple[tuple[str, Pattern], ...] = ()


_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko)"
_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
_CROS = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko)"
_ANDROID = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"
_DESKTOPS = (("windows", _WIN), ("macos", _MAC), ("linux", _LINUX))


def _trident(major: int) -> str:
    return f"; Trident/{major - 4}.0" if major >= 8 else ""


def _ios(browser: str, device: str = "iPhone; CPU iPhone") -> Sample:
    def sample(major: int, minor: int) -> str:
        version = f"{major}_{minor}" if minor else f"{major}"
        return (
            f"Mozilla/5.0 ({device} OS {version} like Mac OS X) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) {browser.format(major=major, minor=minor)} Mobile/15E148 "
            "Safari/604.1"
        )

    return sample


def _blink(
    token: str, mobile_token: str | None = None, chrome: int = 0
) -> tuple[tuple[str, Sample], ...]:
    """Samples of a Chromium browser writing ``token`` + major (its Chrome/ is ``chrome`` newer)."""
    desktop = tuple(
        (os, _chromium(prefix, "Safari/537.36", token, chrome)) for os, prefix in _DESKTOPS
    )
    android = (
        "android",
        _chromium(_ANDROID, "Mobile Safari/537.36", mobile_token or token, chrome),
    )
    return (*desktop, android)


def _chromium(prefix: str, safari: str, token: str, chrome: int) -> Sample:
    def sample(major: int, _minor: int) -> str:
        suffix = f" {token}{major}.0.0.0" if token else ""
        return f"{prefix} Chrome/{major + chrome}.0.0.0 {safari}{suffix}"

    return sample


def _samsung(os: str, prefix: str, safari: str = "Safari/537.36") -> tuple[tuple[str, Sample], ...]:
    def paired(major: int, minor: int) -> str:
        chrome = min(4 * major + 26, 160)
        return f"{prefix} SamsungBrowser/{major}.{minor} Chrome/{chrome}.0.0.0 {safari}"

    def newer(major: int, minor: int) -> str:
        # Releases pair a Samsung version with newer Chromium builds over time.
        return f"{prefix} SamsungBrowser/{major}.{minor} Chrome/200.0.0.0 {safari}"

    return ((os, paired), (os, newer))


def _firefox(platform: str, gecko: str = "20100101") -> Sample:
    def sample(major: int, _minor: int) -> str:
        # Firefox for Android writes its own version where the desktop writes a date.
        build = gecko or f"{major}.0"
        return f"Mozilla/5.0 ({platform}rv:{major}.0) Gecko/{build} Firefox/{major}.0"

    return sample


#: Case-insensitive words no browser of a person sends; Python's bot list is far
#: longer (see the export's comment). A bot the edge misses is judged as a browser.
BOTS = (
    "bot|crawl|spider|slurp|scrape|archiver|lighthouse|headless|facebookexternalhit"
    "|mediapartners|feedfetcher|python|curl/|wget/|go-http-client|okhttp|java/|httpclient"
    "|ahrefs|semrush|bingpreview|pingdom|phantomjs|puppeteer|playwright"
)

#: Browsers Python judges by more than one token (or not at all) that would otherwise
#: fall into a family below: allowed at the edge, the lenient side.
GUARDS = (
    ("KaiOS", "KAIOS/"),
    ("Presto Opera", "Opera/|Presto/"),
    ("BlackBerry", "BB10|PlayBook|BlackBerry"),
    ("Android's own browser and WebViews", "Android[^)]*\\).*Version/[0-9.]+ (?:Mobile )?Safari/"),
    ("IE 8+ in compatibility view (Python reads Trident/)", "MSIE [1-7][.][^)]*Trident/"),
    ("Pale Moon and other Goanna browsers", "Goanna/"),
)

FAMILIES: tuple[Family, ...] = (
    Family(
        "ios",
        (Pattern("(?:iPhone|iPad|iPod)[^)]* OS ", "_"),),
        (
            ("ios", _ios("Version/{major}.{minor}")),
            ("ios", _ios("CriOS/120.0.6099.119")),
            ("ios", _ios("FxiOS/120.0")),
            ("ipados", _ios("Version/{major}.{minor}", "iPad; CPU")),
            ("ipados", _ios("CriOS/120.0.6099.119", "iPad; CPU")),
        ),
        range(3, 31),
        minors=True,
        caveat="iOS browsers are judged by the iOS version; a frozen or reduced iOS "
        "version in a non-Safari browser is allowed when Python would allow it",
        own_platforms=(
            ("ios", Pattern("\\((?:iPhone|iPod)[^)]* OS ", "_")),
            ("ipados", Pattern("\\(iPad[^)]* OS ", "_")),
        ),
    ),
    Family("opera", (Pattern("OPR/"),), _blink("OPR/", chrome=14), range(15, 150)),
    Family(
        "edge",
        (Pattern("Edg/"), Pattern("EdgA/"), Pattern("EdgiOS/")),
        _blink("Edg/", "EdgA/"),
        range(79, 170),
    ),
    Family(
        "edge_legacy",
        (Pattern("Edge/"),),
        (
            ("windows", lambda m, _n: f"{_WIN} Chrome/70.0.3538.102 Safari/537.36 Edge/{m}.17134"),
            (
                "windows_phone",
                lambda m, _n: (
                    "Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) "
                    "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0.2743.116 Mobile "
                    f"Safari/537.36 Edge/{m}.15063"
                ),
            ),
        ),
        range(12, 19),
    ),
    Family(
        "samsung",
        (Pattern("SamsungBrowser/", r"\."),),
        # Samsung DeX, the desktop mode, says Linux.
        (*_samsung("android", _ANDROID, "Mobile Safari/537.36"), *_samsung("linux", _LINUX)),
        range(1, 40),
        minors=True,
        caveat="Samsung Internet judged by its Chromium version (no samsung entry) is "
        "allowed: the edge reads only the Samsung version",
    ),
    Family(
        "ie",
        (Pattern("MSIE "), Pattern("Trident/[0-9.]+;[^)]* rv:")),
        (
            (
                "windows",
                lambda m, _n: (
                    f"Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:{m}.0) like Gecko"
                    if m >= 11
                    # Trident/ came with IE 8; IE 8+ in compatibility view sends an older MSIE.
                    else f"Mozilla/4.0 (compatible; MSIE {m}.0; Windows NT 5.1{_trident(m)})"
                ),
            ),
        ),
        range(4, 12),
    ),
    Family(
        "firefox",
        (Pattern("Firefox/"),),
        (
            ("windows", _firefox("Windows NT 10.0; Win64; x64; ")),
            ("macos", _firefox("Macintosh; Intel Mac OS X 10.15; ")),
            ("linux", _firefox("X11; Linux x86_64; ")),
            ("android", _firefox("Android 14; Mobile; ", gecko="")),
        ),
        range(2, 170),
    ),
    Family(
        "chrome",
        (Pattern("Chrome/"),),
        (*_blink(""), ("chromeos", _chromium(_CROS, "Safari/537.36", "", 0))),
        range(4, 170),
        caveat="Chromium-based browsers without a family of their own (Yandex, UC, "
        "WebViews) are judged by their Chrome/ version",
    ),
    Family(
        "safari",
        (Pattern("Version/", r"\.", ".*Safari/"),),
        (
            (
                "macos",
                lambda m, n: (
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                    f"(KHTML, like Gecko) Version/{m}.{n} Safari/605.1.15"
                ),
            ),
            # Safari 3 to 5 ran on Windows too.
            (
                "windows",
                lambda m, n: (
                    "Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/534.57.2 (KHTML, like "
                    f"Gecko) Version/{m}.{n} Safari/534.57.2"
                ),
            ),
        ),
        range(3, 31),
        minors=True,
    ),
)
