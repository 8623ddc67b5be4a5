"""The browser families an edge rule can tell apart by the User-Agent alone.

Each family has the tokens that name it and its version (in the order ua-parser tries
them: Opera and Edge carry ``Chrome/`` too, every iOS browser is WebKit), and sample
User-Agents for a version. :mod:`jreject.export.rules` asks the real policy about
the samples: the export is the policy's own answers, never a second implementation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["BOTS", "FAMILIES", "GUARDS", "Family", "Pattern"]

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
class Family:
    """A browser family as the edge sees it."""

    name: str
    #: Any of these, followed by the version, names the family and its version.
    patterns: tuple[Pattern, ...]
    #: Sample User-Agents for (major, minor); the export keeps the most lenient answer.
    samples: tuple[Sample, ...]
    #: Majors to probe; newer ones get the answer of the newest probed.
    majors: range
    #: Whether the minor version can matter (Safari 17.2, iOS 15.4).
    minors: bool = False
    #: What the export cannot see for this family, written into the export.
    caveat: str | None = None


_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
_ANDROID = "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko)"


def _trident(major: int) -> str:
    return f"; Trident/{major - 4}.0" if major >= 8 else ""


def _ios(browser: str) -> Sample:
    def sample(major: int, minor: int) -> str:
        version = f"{major}_{minor}" if minor else f"{major}"
        return (
            f"Mozilla/5.0 (iPhone; CPU iPhone OS {version} like Mac OS X) AppleWebKit/605.1.15 "
            f"(KHTML, like Gecko) {browser.format(major=major, minor=minor)} Mobile/15E148 "
            "Safari/604.1"
        )

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
            _ios("Version/{major}.{minor}"),
            _ios("CriOS/120.0.6099.119"),
            _ios("FxiOS/120.0"),
        ),
        range(3, 31),
        minors=True,
        caveat="iOS browsers are judged by the iOS version; a frozen or reduced iOS "
        "version in a non-Safari browser is allowed when Python would allow it",
    ),
    Family(
        "opera",
        (Pattern("OPR/"),),
        (lambda m, _n: f"{_WIN} Chrome/{m + 14}.0.0.0 Safari/537.36 OPR/{m}.0.0.0",),
        range(15, 150),
    ),
    Family(
        "edge",
        (Pattern("Edg/"), Pattern("EdgA/"), Pattern("EdgiOS/")),
        (lambda m, _n: f"{_WIN} Chrome/{m}.0.0.0 Safari/537.36 Edg/{m}.0.0.0",),
        range(79, 170),
    ),
    Family(
        "edge_legacy",
        (Pattern("Edge/"),),
        (lambda m, _n: f"{_WIN} Chrome/70.0.3538.102 Safari/537.36 Edge/{m}.17134",),
        range(12, 19),
    ),
    Family(
        "samsung",
        (Pattern("SamsungBrowser/", r"\."),),
        (
            lambda m, n: (
                f"{_ANDROID} SamsungBrowser/{m}.{n} Chrome/{min(4 * m + 26, 160)}.0.0.0 "
                "Mobile Safari/537.36"
            ),
            # Releases pair a Samsung version with newer Chromium builds over time.
            lambda m, n: f"{_ANDROID} SamsungBrowser/{m}.{n} Chrome/200.0.0.0 Mobile Safari/537.36",
        ),
        range(1, 40),
        minors=True,
        caveat="Samsung Internet judged by its Chromium version (no samsung entry) is "
        "allowed: the edge reads only the Samsung version",
    ),
    Family(
        "ie",
        (Pattern("MSIE "), Pattern("Trident/[0-9.]+;[^)]* rv:")),
        (
            lambda m, _n: (
                f"Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:{m}.0) like Gecko"
                if m >= 11
                # Trident/ came with IE 8; IE 8+ in compatibility view sends an older MSIE.
                else f"Mozilla/4.0 (compatible; MSIE {m}.0; Windows NT 5.1{_trident(m)})"
            ),
        ),
        range(4, 12),
    ),
    Family(
        "firefox",
        (Pattern("Firefox/"),),
        (
            lambda m, _n: (
                f"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:{m}.0) Gecko/20100101 Firefox/{m}.0"
            ),
        ),
        range(2, 170),
    ),
    Family(
        "chrome",
        (Pattern("Chrome/"),),
        (
            lambda m, _n: f"{_WIN} Chrome/{m}.0.0.0 Safari/537.36",
            lambda m, _n: f"{_ANDROID} Chrome/{m}.0.0.0 Mobile Safari/537.36",
        ),
        range(4, 170),
        caveat="Chromium-based browsers without a family of their own (Yandex, UC, "
        "WebViews) are judged by their Chrome/ version",
    ),
    Family(
        "safari",
        (Pattern("Version/", r"\.", ".*Safari/"),),
        (
            lambda m, n: (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 "
                f"(KHTML, like Gecko) Version/{m}.{n} Safari/605.1.15"
            ),
        ),
        range(3, 31),
        minors=True,
    ),
)
