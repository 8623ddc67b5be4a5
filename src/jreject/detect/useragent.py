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

import codecs
import importlib.util
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, Protocol

from jreject.detect.limits import MAX_USER_AGENT

if TYPE_CHECKING:
    from ua_parser import Matchers, PartialResult, Resolver

# ua-parser itself (and the YAML loader it brings) is imported when a rule set is
# first built: a one-off `jreject check` of an everyday browser never needs it.

__all__ = [
    "CACHE_SIZE",
    "MAX_UA_LENGTH",
    "RESOLVER_KINDS",
    "ResolverKind",
    "UAParser",
    "ascii_haystack",
    "build_parser",
    "normalized",
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
_GENERIC = "Generic"

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


_STAND_IN_STRETCH = 64
_BEYOND_LATIN_1 = "jreject.ascii-stand-in"


def _stand_ins_for_run(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    # At least a stretch of characters at a time, so that a value alternating between
    # wide and ASCII characters costs one str translation, not a call per character.
    end = max(error.end, error.start + _STAND_IN_STRETCH)
    return error.object[error.start : end].translate(_STAND_INS), min(end, len(error.object))


codecs.register_error(_BEYOND_LATIN_1, _stand_ins_for_run)


def ascii_haystack(ua: str) -> str:
    """``ua`` with each non-ASCII character replaced by an ASCII one of the same class.

    ``"Chrome/١٢٠ Café"`` → ``"Chrome/120 Caf_"``. The same string comes back when
    it is ASCII already (the usual case: one ``isascii`` test, no copy).
    """
    if ua.isascii():
        return ua
    # Header values arrive as Latin-1 text: a byte table does those in ~1 µs a KiB,
    # where a str table costs ~50 µs. Characters beyond Latin-1 (typed at the command
    # line, passed in from Python) are few, so only their runs go through the str table.
    return ua.encode("latin-1", _BEYOND_LATIN_1).translate(_LATIN_1_BYTES).decode("ascii")


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

_BROWSER, _OS, _DEVICE, _SPIDER_RULES = range(4)


def rust_available() -> bool:
    """Whether the ``ua-parser-rs`` accelerator can be imported."""
    return importlib.util.find_spec("ua_parser_rs") is not None


class UAParser:
    """A ua-parser stack, each domain's rules built on first use.

    Detection needs the browser domain on most uncached requests, the OS domain only
    for platforms the platform reader does not know, and the device domain only for a
    User-Agent of one bare token (:meth:`names_device`): so a process that checks one
    User-Agent builds one rule set, not three (ua-parser builds all three in ~0.3 s),
    and of that set only the rules that can match its
    User-Agent (:meth:`_first_browser`). ``backend`` is ``"ua-parser-rs"`` or ``"python"``
    (what ``jreject doctor`` shows). Building is thread-safe: two threads racing
    on a domain may both build it, and either result is the same.
    """

    __slots__ = ("_built", "_first_read", "_matchers", "_use_rust", "backend", "cache_size")

    def __init__(self, kind: ResolverKind = "auto", *, cache_size: int = CACHE_SIZE) -> None:
        if kind not in RESOLVER_KINDS:
            raise ValueError(f"resolver must be one of {', '.join(RESOLVER_KINDS)}, not {kind!r}")
        use_rust = rust_available() if kind == "auto" else kind == "rust"
        if use_rust and not rust_available():
            raise ImportError(
                "resolver='rust' needs the ua-parser-rs package: pip install ua-parser-rs"
            )
        self._use_rust = use_rust
        self.backend = "ua-parser-rs" if use_rust else "python"
        self.cache_size = cache_size
        self._matchers: Matchers | None = None
        self._built: dict[object, Any] = {}
        self._first_read = False

    def _rules(self) -> Matchers:
        if self._matchers is None:
            # Lazy matchers compile nothing in Python: the Rust side compiles its own set.
            from ua_parser import load_builtins, load_lazy_builtins

            self._matchers = load_lazy_builtins() if self._use_rust else load_builtins()
        return self._matchers

    def _resolver_for(self, rules: Matchers) -> Any:
        if self._use_rust:
            from ua_parser.regex import Resolver as RegexResolver

            return RegexResolver(rules)
        from ua_parser import BasicResolver, Cache, CachingResolver

        return CachingResolver(BasicResolver(rules), Cache(self.cache_size))

    def _domain(self, which: int) -> Extract:
        extract = self._built.get(which)
        if extract is None:
            extract = self._build(which)
            self._built[which] = extract
        return extract

    def _build(self, which: int) -> Extract:
        ua_rules, os_rules, device_rules = self._rules()
        if which == _SPIDER_RULES:
            device_rules = [m for m in device_rules if getattr(m, "family", None) == _SPIDER]
        rules: Matchers = (
            ua_rules if which == _BROWSER else [],
            os_rules if which == _OS else [],
            device_rules if which in (_DEVICE, _SPIDER_RULES) else [],
        )
        return self._extractor(rules, which)

    def _extractor(self, rules: Matchers, which: int) -> Extract:
        resolver = self._resolver_for(rules)
        if self._use_rust:
            # The Rust resolver exposes its per-domain extractors: calling them
            # directly skips ua-parser's Result objects (see the module docstring).
            return {_BROWSER: resolver.ua, _OS: resolver.os}.get(which, resolver.de).extract  # type: ignore[no-any-return]
        from ua_parser import Domain

        domain, field = {
            _BROWSER: (Domain.USER_AGENT, "user_agent"),
            _OS: (Domain.OS, "os"),
        }.get(which, (Domain.DEVICE, "device"))

        def extract(ua: str) -> Any:
            return getattr(resolver(ua, domain), field)

        return extract

    def _first_browser(self, haystack: str) -> Extract:
        """What reads the parser's first User-Agent: the browser rules that can match it.

        A process that reads one User-Agent (``jreject check``) compiles only the
        rules whose key text the User-Agent contains (:mod:`jreject.data.ua_rules`),
        in their order (of ~430, 7 for the median User-Agent of the test corpus and
        42 at most): the first that matches is the one the whole set would pick,
        since each rule left out cannot match. The second
        lookup builds the whole set once, as a server needs; so does any lookup when
        the bundled keys are not those of the installed rules.
        """
        if self._first_read:
            return self._domain(_BROWSER)
        self._first_read = True
        # Lazy matchers hold their regex as text and compile nothing until asked.
        from ua_parser import load_lazy_builtins

        from jreject.data.ua_rules import keys_for

        rules = load_lazy_builtins()[0]
        keys = keys_for([rule.regex for rule in rules])
        if keys is None:
            return self._domain(_BROWSER)
        text = haystack.lower()
        able = [
            rule
            for rule, key in zip(rules, keys, strict=True)
            if key is None or any(piece in text for piece in key)
        ]
        return self._extractor((able, [], []), _BROWSER)

    @property
    def resolver(self) -> Resolver:
        """ua-parser's full resolver (all three domains, cached): built on first use."""
        full = self._built.get("full")
        if full is None:
            from ua_parser import Cache, CachingResolver

            base = self._resolver_for(self._rules())
            full = base if not self._use_rust else CachingResolver(base, Cache(self.cache_size))
            self._built["full"] = full
        resolver: Resolver = full
        return resolver

    def warm_up(self) -> None:
        """Build the rules detection uses now, rather than on the first request needing them
        (the device rules too: ~70 ms that the first lone-token User-Agent would pay)."""
        self._domain(_BROWSER)
        self._domain(_OS)
        self._domain(_DEVICE)

    def browser(self, ua: str) -> Match | None:
        """ua-parser's browser family and version parts, or ``None`` when no rule matches."""
        haystack = ascii_haystack(ua)
        extract = self._built.get(_BROWSER) or self._first_browser(haystack)
        match: Match | None = extract(haystack)
        return match

    def platform(self, ua: str) -> Match | None:
        """ua-parser's OS family and version parts, or ``None`` when no rule matches."""
        match: Match | None = self._domain(_OS)(ascii_haystack(ua))
        return match

    def user_agent(self, ua: str) -> PartialResult:
        """Browser family and version (``Domain.USER_AGENT`` only)."""
        from ua_parser import Domain

        return self.resolver(ascii_haystack(ua), Domain.USER_AGENT)

    def os(self, ua: str) -> PartialResult:
        """OS family and version (``Domain.OS`` only)."""
        from ua_parser import Domain

        return self.resolver(ascii_haystack(ua), Domain.OS)

    def names_device(self, ua: str) -> bool:
        """Whether ua-parser's device rules name a device's maker here ("Nokia",
        "Siemens"): not a crawler ("Spider"), nor the "Generic" of their loosest rules,
        which any short word can meet ("Scoop", "WebClient/1.0"). Built on first use:
        the bot matcher asks only of a User-Agent that is one bare token."""
        device = self._domain(_DEVICE)(ascii_haystack(ua))
        return device is not None and device.brand not in (None, _SPIDER, _GENERIC)

    def is_spider(self, ua: str) -> bool:
        """Whether ua-parser classifies the device as ``Spider`` (a crawler).

        The detector does not ask this (its bot matcher decides, word-aware, where
        ua-parser's rule matches "bot" inside any word); it is here for comparison.
        """
        ua = ascii_haystack(ua)
        if self._domain(_SPIDER_RULES)(ua) is None:
            return False
        # ua-parser takes the first device rule that matches: an earlier rule (a
        # Kindle, say) outranks a later Spider one, so confirm with the whole list.
        device = self._domain(_DEVICE)(ua)
        return device is not None and bool(device.family == _SPIDER)


def build_parser(kind: ResolverKind = "auto", *, cache_size: int = CACHE_SIZE) -> UAParser:
    """The stack for ``kind``: ``auto`` (Rust if importable), ``rust`` or ``python``.

    Raises ``ValueError`` for an unknown kind and ``ImportError`` when ``rust`` is
    asked for but ``ua-parser-rs`` is not installed. Each domain's rules load on its
    first use (the browser domain in ~0.1 s), so build one parser per process
    (``jreject.detect.detect`` does).
    """
    return UAParser(kind, cache_size=cache_size)


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


def normalized(ua: str) -> str:
    """``ua`` spelled as browsers send it, so that case-sensitive rules can read it.

    A proxy or a TV's stack that lower-cased the User-Agent, or only its leading
    product token (``opera/9.80, …``), has its well-known tokens re-cased
    (:func:`recased`); a translation tool that spaced every slash
    (``Mozilla / 5.0 … Chrome / 79.0``) has the spaces taken out, and a run of spaces
    (``MSIE  5.5``, from a log or a hand-written header) becomes one. Any other UA is
    returned as it is, after three cheap tests.
    """
    if ua[:1].islower():
        ua = recased(ua)
    if ua.startswith("Mozilla / "):
        ua = ua.replace(" / ", "/")
    if "  " in ua:
        ua = _SPACES.sub(" ", ua)
    return ua


_SPACES = re.compile(" {2,}")


def recased(ua: str) -> str:
    """A lower-cased User-Agent with its well-known tokens spelled as browsers send them.

    ``"mozilla/5.0 (linux; android 9) … chrome/83.0 mobile safari/537.36"`` →
    ``"Mozilla/5.0 (Linux; Android 9) … Chrome/83.0 Mobile Safari/537.36"``. The rest
    (a model name) stays as it is. One linear pass: the pattern is an alternation of
    literals between word boundaries.
    """
    return _LOWER_TOKEN.sub(lambda match: _CASED[match.group()], ua)
