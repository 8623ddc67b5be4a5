r"""The ua-parser stack: the Rust matcher when it is importable, pure Python otherwise.

ua-parser's own ``BestAvailableResolver`` picks the backend for us, but ``jreject
doctor`` has to say which one runs and the test-suite has to run on both, so the
choice is explicit here. Either way :attr:`UAParser.resolver` is wrapped in
ua-parser's S3-FIFO cache: real traffic repeats the same few hundred User-Agents.

The detector's hot path does not go through that stack with the Rust backend: one
Rust extraction costs ~4 µs, less than a cache miss (~8 µs) and about what a hit
saves, and ua-parser's ``Resolver`` wrapper adds ~4 µs of flag tests and result
objects on top. So :meth:`UAParser.browser`, :meth:`UAParser.platform` and
:meth:`UAParser.is_spider` call the Rust extractors directly (the same rules, the
same answers); the pure-Python backend keeps the cache, which saves it ~100 µs a hit.

Every User-Agent reaches either backend through :func:`ascii_haystack`. ua-parser's
rules are pure ASCII, but the Rust ``regex`` crate reads ``\b``, ``\w``, ``\d`` and
``\s`` as Unicode classes; its lazy DFA can only answer a Unicode word boundary
while the haystack is ASCII, and gives up at the first non-ASCII byte, so the
rules that contain ``\b`` fall back to the PikeVM and one Latin-1 byte made a
1 KiB User-Agent ~17x slower (up to ~130x on one rule). An ASCII stand-in of the
same class keeps every rule on the fast path and every answer the same in practice.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from ua_parser import (
    BasicResolver,
    Cache,
    CachingResolver,
    Domain,
    Matchers,
    PartialResult,
    Resolver,
    load_builtins,
    load_lazy_builtins,
)

from jreject.detect.limits import MAX_USER_AGENT

__all__ = [
    "CACHE_SIZE",
    "MAX_UA_LENGTH",
    "RESOLVER_KINDS",
    "ResolverKind",
    "UAParser",
    "ascii_haystack",
    "build_parser",
    "recased",
    "rust_available",
]

ResolverKind = Literal["auto", "rust", "python"]

#: The values ``Detector(resolver=…)`` accepts.
RESOLVER_KINDS: tuple[ResolverKind, ...] = ("auto", "rust", "python")

#: Entries in ua-parser's cache in front of each resolver.
CACHE_SIZE = 2000

#: Characters of a User-Agent given to the regex engines (see
#: :data:`jreject.detect.limits.MAX_USER_AGENT`).
MAX_UA_LENGTH = MAX_USER_AGENT

_SPIDER = "Spider"

# ASCII stand-ins that the rules' classes treat as the original character did:
# "_" is a word character (\w, \b) that [A-Za-z] does not match, as an accented
# letter; DEL is neither word nor space, as "©" or a control character, and no
# rule names it. A decimal digit becomes its ASCII digit (\d matches both).
_WORD_STAND_IN = "_"
_OTHER_STAND_IN = "\x7f"
_ASCII_TOP = 0x80
_LATIN_1_TOP = 0x100


def _stand_in(char: str) -> str:
    if char.isdecimal():
        return str(unicodedata.decimal(char))
    if char.isspace():
        return " "
    if char.isalnum() or unicodedata.category(char)[0] == "M" or char == "\u200d":
        return _WORD_STAND_IN
    return _OTHER_STAND_IN


class _StandIns(dict[int, str]):
    """``str.translate`` table: Latin-1 (what servers decode headers as) precomputed,
    ASCII mapped to itself, any other code point computed on use and not stored, so
    the table cannot grow."""

    def __missing__(self, code: int) -> str:
        return _stand_in(chr(code))


_STAND_INS = _StandIns(
    {code: chr(code) if code < _ASCII_TOP else _stand_in(chr(code)) for code in range(_LATIN_1_TOP)}
)

_LATIN_1_BYTES = bytes(ord(_STAND_INS[code]) for code in range(_LATIN_1_TOP))


def ascii_haystack(ua: str) -> str:
    """``ua`` with each non-ASCII character replaced by an ASCII one of the same class.

    ``"Chrome/١٢٠ Café"`` → ``"Chrome/120 Caf_"``. The same string comes back when
    it is ASCII already (the usual case: one ``isascii`` test, no copy).
    """
    if ua.isascii():
        return ua
    try:
        raw = ua.encode("latin-1")
    except UnicodeEncodeError:
        return ua.translate(_STAND_INS)
    # Header values arrive as Latin-1 text: a byte table does those in ~1 µs a KiB,
    # where a str table costs ~50 µs.
    return raw.translate(_LATIN_1_BYTES).decode("ascii")


class Match(Protocol):
    """One domain's answer: what ua-parser's ``UserAgent`` and ``OS`` results share."""

    @property
    def family(self) -> str: ...

    @property
    def major(self) -> str | None: ...

    @property
    def minor(self) -> str | None: ...

    @property
    def patch(self) -> str | None: ...

    @property
    def patch_minor(self) -> str | None: ...


Extract = Callable[[str], Any]


def rust_available() -> bool:
    """Whether the ``ua-parser-rs`` accelerator can be imported."""
    return importlib.util.find_spec("ua_parser_rs") is not None


@dataclass(frozen=True, slots=True)
class UAParser:
    """A ready ua-parser stack: one call per domain we need, plus the Spider check.

    ``backend`` is ``"ua-parser-rs"`` or ``"python"`` (what ``jreject doctor`` shows).
    ``spider_resolver`` holds only ua-parser's device rules whose family is
    ``Spider``: the one thing we want from the device domain, for a twentieth of
    its cost; the full device rules run only to confirm a hit.
    """

    backend: str
    resolver: Resolver
    spider_resolver: Resolver
    #: Per-domain extractors behind :meth:`browser`, :meth:`platform` and
    #: :meth:`is_spider`: each takes a UA and returns a match or ``None``.
    extract_browser: Extract
    extract_os: Extract
    extract_device: Extract
    extract_spider: Extract

    def browser(self, ua: str) -> Match | None:
        """ua-parser's browser family and version parts, or ``None`` when no rule matches."""
        match: Match | None = self.extract_browser(ascii_haystack(ua))
        return match

    def platform(self, ua: str) -> Match | None:
        """ua-parser's OS family and version parts, or ``None`` when no rule matches."""
        match: Match | None = self.extract_os(ascii_haystack(ua))
        return match

    def user_agent(self, ua: str) -> PartialResult:
        """Browser family and version (``Domain.USER_AGENT`` only)."""
        return self.resolver(ascii_haystack(ua), Domain.USER_AGENT)

    def os(self, ua: str) -> PartialResult:
        """OS family and version (``Domain.OS`` only)."""
        return self.resolver(ascii_haystack(ua), Domain.OS)

    def is_spider(self, ua: str) -> bool:
        """Whether ua-parser classifies the device as ``Spider`` (a crawler)."""
        ua = ascii_haystack(ua)
        if self.extract_spider(ua) is None:
            return False
        # ua-parser takes the first device rule that matches: an earlier rule (a
        # Kindle, say) outranks a later Spider one, so confirm with the whole list.
        device = self.extract_device(ua)
        return device is not None and bool(device.family == _SPIDER)


def build_parser(kind: ResolverKind = "auto", *, cache_size: int = CACHE_SIZE) -> UAParser:
    """Build the stack for ``kind``: ``auto`` (Rust if importable), ``rust`` or ``python``.

    Raises ``ValueError`` for an unknown kind and ``ImportError`` when ``rust`` is
    asked for but ``ua-parser-rs`` is not installed. Loading the rules takes ~0.25 s,
    so build one parser per process (``jreject.detect.detect`` does).
    """
    if kind not in RESOLVER_KINDS:
        raise ValueError(f"resolver must be one of {', '.join(RESOLVER_KINDS)}, not {kind!r}")
    use_rust = rust_available() if kind == "auto" else kind == "rust"
    if use_rust:
        if not rust_available():
            raise ImportError(
                "resolver='rust' needs the ua-parser-rs package: pip install ua-parser-rs"
            )
        from ua_parser.regex import Resolver as RegexResolver

        # Lazy matchers compile nothing in Python: the Rust side compiles its own set.
        make: Callable[[Matchers], Resolver] = RegexResolver
        matchers = load_lazy_builtins()
        backend = "ua-parser-rs"
    else:
        make = BasicResolver
        matchers = load_builtins()
        backend = "python"
    device_rules: list[Any] = list(matchers[2])
    spiders = [m for m in device_rules if m.family == _SPIDER]
    base: Any = make(matchers)
    resolver = CachingResolver(base, Cache(cache_size))
    spider_resolver: Any = make(([], [], spiders))
    if use_rust:
        # Both ua-parser-rs resolvers expose their per-domain Rust extractors.
        direct = base
        extractors: tuple[Extract, ...] = (
            direct.ua.extract,
            direct.os.extract,
            direct.de.extract,
            spider_resolver.de.extract,
        )
    else:
        extractors = _domain_extractors(resolver, spider_resolver)
    return UAParser(backend, resolver, spider_resolver, *extractors)


def _domain_extractors(resolver: Resolver, spider_resolver: Resolver) -> tuple[Extract, ...]:
    def browser(ua: str) -> Any:
        return resolver(ua, Domain.USER_AGENT).user_agent

    def os(ua: str) -> Any:
        return resolver(ua, Domain.OS).os

    def device(ua: str) -> Any:
        return resolver(ua, Domain.DEVICE).device

    def spider(ua: str) -> Any:
        return spider_resolver(ua, Domain.DEVICE).device

    return browser, os, device, spider


# Tokens whose usual spelling ua-parser's rules and the platform reader expect,
# longest first so that "cpu iphone os" wins over "os".
_CASED_TOKENS = (
    "KHTML, like Gecko",
    "CPU iPhone OS",
    "Intel Mac OS X",
    "like Mac OS X",
    "Windows Phone",
    "Windows NT",
    "CPU OS",
    "Mac OS X",
    "SamsungBrowser",
    "AppleWebKit",
    "Macintosh",
    "UCBrowser",
    "YaBrowser",
    "Chromium",
    "Firefox",
    "Version",
    "Android",
    "Mozilla",
    "Trident",
    "IEMobile",
    "Chrome",
    "Mobile",
    "Safari",
    "Tablet",
    "Opera",
    "Linux",
    "Build",
    "Gecko",
    "Win64",
    "WOW64",
    "iPhone",
    "iPad",
    "iPod",
    "CriOS",
    "FxiOS",
    "EdgiOS",
    "EdgA",
    "Edge",
    "Edg",
    "OPR",
    "MSIE",
    "CrOS",
    "X11",
)
_CASED = {token.lower(): token for token in _CASED_TOKENS}
_LOWER_TOKEN = re.compile(
    "|".join(rf"\b{re.escape(token)}\b" for token in sorted(_CASED, key=len, reverse=True))
)


def recased(ua: str) -> str:
    """A lower-cased User-Agent with its well-known tokens spelled as browsers send them.

    ``"mozilla/5.0 (linux; android 9) … chrome/83.0 mobile safari/537.36"`` →
    ``"Mozilla/5.0 (Linux; Android 9) … Chrome/83.0 Mobile Safari/537.36"``. The rest
    (a model name) stays as it is. One linear pass: the pattern is an alternation of
    literals between word boundaries.
    """
    return _LOWER_TOKEN.sub(lambda match: _CASED[match.group()], ua)
