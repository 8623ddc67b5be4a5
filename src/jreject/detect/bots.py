"""Is this User-Agent a bot? Crawlers, previewers, monitors, HTTP libraries, automation.

Sources, in the order they are asked (the first match names the bot and its category):

1. the caller's own patterns (``BotMatcher(extra_patterns=[...])``), category ``user``;
2. crawler-user-agents (bundled, :mod:`jreject.data.bots`), each entry's category
   from its tags (``search``, ``ai``, ``preview``, ``monitor``, ``seo`` …), minus the
   few entries that would flag real browsers (``PACKAGE_OVERRIDES``);
3. jreject's named services (:mod:`jreject.data.bot_patterns`) that list lacks or
   misfiles: transcoders, mail image proxies, uptime monitors, feed readers …;
4. jreject's HTTP libraries and tools (curl, python-requests, okhttp, Java …), ``library``;
5. generic signs, ``unknown``: a word ending in "bot", "crawler", "spider", a URL or
   an e-mail address, the "(compatible; Name/1.0)" form, template characters;
6. isbot's patterns (bundled), ``unknown``: the long tail no list names ("crawl",
   "headless", "^python", "monitor" …), minus the ones that flag browsers
   (``ISBOT_OVERRIDES``);
7. Crawler-Detect's patterns (bundled), ``unknown``: small services the other lists
   lack, minus the ones that flag browsers (``CRAWLER_DETECT_OVERRIDES``); last, a
   User-Agent of one bare token or of plain words.

The bundled lists and the generic signs (everything but the named services) do not
read a phone's device-model slot ("Linux; Android 10; <model>"), where models are
called "ID bot 53+" or "Capture+", nor the web addresses an old IE carries for whoever
branded it ("compatible; MSIE 6.0; Windows 98; StumbleUpon.com 1.758"), nor a browser
that carries such words itself (``BROWSER_MARKERS``: QtWeb's URL, Fire TV's
"smarttv_AFT…").

Every pattern runs on RE2 (the ``google-re2`` package), whose time is linear in the
length of the User-Agent whatever the pattern: a backtracking engine let one
pattern (``yandex[a-z]*bot``) cost milliseconds on ``"yandexa" * 147``. Each pattern
is split at its top-level ``|``, and one Aho-Corasick pass (pyahocorasick) over the
User-Agent finds the text each branch requires (:mod:`jreject.data.regex_syntax`), so only the few
branches that can match run; the handful with no such text (``^[<(;]``) are asked
together in one RE2 ``Set`` pass. Ordinary browser User-Agents are recognised by
their shape first and skip even that. RE2 has no lookarounds or backreferences, so
jreject's own patterns are written without them, isbot's and Crawler-Detect's are
translated (:func:`jreject.data.bots.translate`), and a caller's pattern that needs
them is refused when it is compiled (:func:`compile_bot_pattern`). A branch that is
plain text (most are names) is found with ``find`` and needs no RE2 program.

Without ``google-re2`` (an install that found no wheel for its platform), Python's
``re`` runs the same patterns one by one: the same answers, slower, and no longer
linear-time for every pattern; ``jreject doctor`` warns about it (``jreject.W006``).
"""

from __future__ import annotations

import bisect
import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from importlib import resources
from typing import Any, Protocol

import ahocorasick

from jreject.data.bot_index import INDEX_VERSION, Branch, branches_of
from jreject.data.bot_patterns import COMPATIBLE_FORM, BotPattern, built_in_patterns
from jreject.data.bots import BRANCHES, BRANCHES_VERSION, load_bot_data
from jreject.detect._bot_patterns import (
    BARE_DEVICES,
    BOT_CATEGORIES,
    BROWSER_MARKERS,
    BROWSER_SHAPE,
    COMPATIBLE_BROWSERS,
    IE_BRANDS,
    IE_MARKERS,
    MODEL_SLOT,
    TEXT_BROWSERS,
    WEB_ADDRESS,
)

try:
    import re2 as _re2
except ImportError:  # pragma: no cover - google-re2 is a core dependency
    _re2 = None

__all__ = [
    "BOT_CATEGORIES",
    "MAX_SCAN",
    "BotMatch",
    "BotMatcher",
    "BotPattern",
    "BotRegex",
    "compile_bot_pattern",
    "load_crawler_user_agents",
    "re2_available",
]

#: Only the first 2 KiB of a User-Agent are examined. Real ones stay under 1 KiB and
#: most servers refuse headers past 8 KiB; the cap keeps a hostile 64 KiB header cheap.
MAX_SCAN = 2048

# Everyday User-Agents, lower-cased: a key found in them ("mozilla/") would make its
# pattern a candidate on nearly every call, so such patterns go to the RE2 Set.
_EVERYDAY = (
    "mozilla/5.0 (linux; android 10; k) applewebkit/537.36 (khtml, like gecko) "
    "chrome/131.0.0.0 mobile safari/537.36",
    "mozilla/5.0 (windows nt 10.0; win64; x64; rv:133.0) gecko/20100101 firefox/133.0",
    "mozilla/5.0 (iphone; cpu iphone os 18_1 like mac os x) applewebkit/605.1.15 "
    "(khtml, like gecko) version/18.1 mobile/15e148 safari/604.1",
)

#: The index the Aho-Corasick pass reports for a browser marker (``BROWSER_MARKERS``).
MARKED = -1

# A branch compiled, with its named groups (google-re2 builds that mapping on each read).
_Compiled = tuple["BotRegex", dict[str, int]]
# A pattern no text matches: at a word boundary and not at one.
_NEVER = r"\b\B"

#: The longest bot name reported when the name is taken from the matched text.
MAX_NAME = 40

CRAWLER_PACKAGE = "crawleruseragents"
CRAWLER_FILE = "crawler-user-agents.json"

_logger = logging.getLogger("jreject")

# A User-Agent that is one bare token ("okhttp/4.12.0", "Nuzzel"): scripts and
# libraries send that, browsers never do, text-mode browsers excepted.
_BARE_TOKEN = re.compile(r"([A-Za-z0-9][\w.+-]*)(?:\([\w ]*\))?(?:/[\w.+()-]*)?")
# Plain words and no browser token at all ("Report Runner", "Hello, world", "COMODO
# DCV", "SPARK COMMIT: 0805…"), at most a version at the end: a script's own name.
# Every browser, text-mode ones included, sends a product/version first or a
# "(platform; …)" comment, neither of which fits here. Linear: each repeat starts
# at a space the previous one cannot take.
_PLAIN_WORDS = re.compile(r"([A-Za-z][\w.,:%-]*)(?: +[\w.,:%()-]+)+(?:/v?\d[\w.-]*)?")
_WORD_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-."
# "browser" as a word's end ("nook browser/1.0", "SEGASATURN_browser"), not "Browsershots".
# A phone's WAP browser says so ("R380 2.0 WAP1.1", "PHILIPS-Ozeo UP/4.1.16r").
_NAMES_A_BROWSER = re.compile(r"(?i)browser(?![a-z])|\bWAP\d|\bUP/\d")

# "; K", the model of Chrome's reduced Android UA: nothing to look at.
_BARE_MODEL = 3
# A pattern may mark the span its name comes from with this group, when what it
# must match around the name (a character before "bot") is not part of it.
_AT = "at"


class BotMatch(Protocol):
    """What a match of a :class:`BotRegex` offers (``re.Match`` and RE2's alike)."""

    @property
    def re(self) -> Any: ...

    def span(self, group: int = 0, /) -> tuple[int, int]: ...

    def start(self, group: int = 0, /) -> int: ...

    def group(self, group: int | str = 0, /) -> Any: ...


class BotRegex(Protocol):
    """A compiled bot pattern: RE2's, or ``re``'s where google-re2 is missing."""

    @property
    def pattern(self) -> str: ...

    @property
    def groupindex(self) -> Mapping[str, int]: ...

    def search(self, text: str, pos: int = 0, /) -> Any: ...


def re2_available() -> bool:
    """Whether google-re2 is importable, so that every pattern runs in linear time."""
    return _re2 is not None


class BotMatcher:
    """Callable that names the bot behind a User-Agent, or returns ``None``.

    Build one at start-up and share it. The built-in lists (about 3,200 patterns)
    load on the first call that needs them, in ~25 ms once per process: the bot data
    records each pattern's branches and keys, so each branch is prepared only when a
    User-Agent first makes it a candidate (most are plain names, found without a
    regex program); :meth:`warm_up` loads them and prepares every branch (~30 ms) so
    that no request pays. The caller's own patterns are compiled here. A call takes
    microseconds, and its time grows linearly with the User-Agent's length whatever
    the patterns. Thread-safe: RE2 objects are, and two threads preparing the same
    branch at once store equal objects.

    ``extra_patterns`` are regular expressions in RE2 syntax, which is Python's
    ``re`` syntax without lookarounds and backreferences, matched with ``search``,
    case-sensitively (write ``(?i)`` to ignore case); they are asked first and win
    over every list. A pattern that does not compile under RE2, or that matches the
    empty string (and so every User-Agent), raises :class:`ValueError` naming it.

    ``names_device`` says whether a User-Agent names a phone or another device (the
    detector passes ua-parser's device rules): a lone token no list names is a script's
    ("MyScraper/1.0") unless it is a feature phone's ("Nokia200/11.95", "SIE-3118").
    """

    __slots__ = ("_built", "_names_device", "_user")

    def __init__(
        self,
        extra_patterns: Sequence[str] = (),
        *,
        names_device: Callable[[str], bool] | None = None,
    ) -> None:
        if isinstance(extra_patterns, str | bytes):
            raise TypeError(
                "extra_patterns must be a sequence of regex strings, "
                f"not a single string: wrap it as [{extra_patterns!r}]"
            )
        self._user = tuple(compile_bot_pattern(p) for p in extra_patterns)
        self._built: _Index | None = None
        self._names_device = names_device

    def warm_up(self) -> BotMatcher:
        """Load and compile the built-in lists now (else each on the first call that needs it)."""
        self._index().warm_up()
        return self

    def _index(self) -> _Index:
        # Built on first use: what a one-off `jreject check` of an everyday browser
        # never needs; a server warms it up at start-up (Detector.warm_up).
        built = self._built
        if built is None:
            built = self._built = _built_in()
        return built

    @property
    def patterns(self) -> tuple[BotPattern, ...]:
        """Every pattern consulted after the caller's own, in the order asked."""
        return self._index().patterns

    def __call__(self, user_agent: str) -> str | None:
        """The bot's short name (``"Googlebot"``, ``"curl"``) or ``None`` for a browser."""
        found = self.match(user_agent)
        return found[0] if found else None

    def match(self, user_agent: str) -> tuple[str, str] | None:
        """``(name, category)`` of the bot behind ``user_agent``, or ``None`` for a browser.

        ``category`` is one of :data:`BOT_CATEGORIES`: ``"search"``, ``"ai"``,
        ``"preview"`` … (``"user"`` for the caller's own patterns).
        """
        if not user_agent:
            return None
        ua = _encodable(user_agent[:MAX_SCAN])
        for regex in self._user:
            match = regex.search(ua)
            if match is not None:
                return _name_from(ua, match, regex.groupindex), "user"
        shape = BROWSER_SHAPE.match(ua)
        if shape is not None and shape.end() == len(ua):
            # An everyday browser shape, but Android's comment names a device, and
            # a service can put its own name there ("…; Baidu Transcoder)"): only
            # named services count in it, since models hold every kind of word.
            model = shape.group("model")
            if not model or len(model) <= _BARE_MODEL:
                return None
            # What follows the build id is no model but something added to the
            # firmware ("; CyanogenMod-10", "; Neustar WPM"): the lists read it too.
            added = model.partition(" Build/")[2].partition(";")[2]
            found = self._named(model)
            if found is None and added:
                found = self._search(added, generic=True, bare=False)
            return found
        return self._search(ua, generic=True)

    def match_model(self, model: str) -> tuple[str, str] | None:
        """``(name, category)`` of a named service in an Android device-model slot, or ``None``.

        For a User-Agent otherwise of an everyday browser's shape: only the named
        services count there, since models hold every kind of word.
        """
        return self._named(_encodable(model)) if len(model) > _BARE_MODEL else None

    def _named(self, text: str) -> tuple[str, str] | None:
        return self._search(text, generic=False)

    def _search(self, ua: str, *, generic: bool, bare: bool = True) -> tuple[str, str] | None:
        built = self._index()
        found = built.keyed(ua)
        keyed = sorted(set(found)) if found else found
        marked = bool(keyed) and keyed[0] == MARKED  # the lowest index there is
        if marked:
            del keyed[0]
        # The branches with no key start late in the order (generic signs, isbot): ask
        # their RE2 Set only when no earlier branch named the bot.
        early = bisect.bisect_left(keyed, built.first_keyless)
        haystack: str | bytes | None = None
        quiet: list[tuple[int, int]] = []
        looked = False
        for phase in (keyed[:early], None):
            if phase is None:
                phase = keyed[early:]
                # In a device model only the named services count, and none is keyless.
                hits = built.keyless(haystack or _haystack(ua)) if generic else ()
                if hits:
                    phase = sorted({*phase, *hits})
            for index in phase:
                owner = built.owners[index]
                broad = index in built.broad
                if broad and not generic:
                    continue
                text = ua
                if haystack is None:
                    haystack = _haystack(ua)
                compiled = built.compiled(index)
                match = _search_built_in(compiled, text, haystack)
                if match is not None and broad:
                    # The bundled lists and the generic signs are not asked about a
                    # device model, which holds every kind of word ("ID bot 53+",
                    # "Capture+", "HTC; Radar"), nor about an old IE's brand web
                    # addresses, nor about a browser that carries such words itself.
                    # Checked only once one of them matches at all.
                    if marked:
                        continue
                    if not looked:
                        looked, quiet = True, _quiet_spans(ua)
                    start, end = match.span()
                    touched = [(b, s) for b, s in quiet if start < s and b < end]
                    if touched and not _names_its_site(ua, start, end, touched):
                        # The first match touches a quiet span: look again without them.
                        text = _quieted(ua, quiet)
                        match = _search_built_in(compiled, text, _haystack(text))
                if match is not None:
                    found_name = owner.name or _name_from(text, match, compiled[1], product=True)
                    return found_name, owner.category
        if not generic or marked or not bare:
            return None
        name = _bare_token_name(ua)
        if name is None or (self._names_device is not None and self._names_device(ua)):
            return None
        return name, "unknown"


def _quiet_spans(ua: str) -> list[tuple[int, int]]:
    """The parts of ``ua`` the broad patterns do not read: a phone's device-model slot
    (:data:`MODEL_SLOT`), the web addresses among an old IE's brand tokens
    (:data:`IE_BRANDS`), and the markers Microsoft wrote into IE's (:data:`IE_MARKERS`)."""
    spans: list[tuple[int, int]] = []
    if "Android" in ua or "IEMobile" in ua:
        found = MODEL_SLOT.search(ua)
        if found is not None:
            spans.append(found.span(found.lastindex or 0))
    if "MSIE" in ua or "Trident/" in ua:
        spans += [marker.span() for marker in IE_MARKERS.finditer(ua)]
    if "MSIE" in ua:
        ie = IE_BRANDS.match(ua)
        if ie is not None:
            offset = ie.start("brands")
            spans += [
                (offset + start, offset + end)
                for start, end in (web.span() for web in WEB_ADDRESS.finditer(ie["brands"]))
            ]
    return spans


def _names_its_site(ua: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``ua[start:end]`` is the whole name of the web site a quiet span gives
    ("alertra" of "www.alertra.com"): a service that poses as an old IE and signs
    with its site, which a list names. A brand's site is a company's, an ISP's or a
    toolbar's ("StumbleUpon.com", "SEARCHALOT.COM"), which no list names whole."""
    name = ua[start:end].lower()
    for begin, stop in spans:
        site = _site_name(ua[begin:stop])
        if site is not None and site == name:
            return True
    return False


def _site_name(address: str) -> str | None:
    """``"alertra"`` for ``"www.alertra.com"`` or ``"http://alertra.com/"``; ``None``
    for text with no host name in it (a device model)."""
    host = address.strip().lower().removeprefix("http://").removeprefix("https://")
    labels = host.strip("/").split(".")
    if labels[0] == "www":
        del labels[0]
    return labels[0] if len(labels) >= 2 and labels[0] else None


def _quieted(ua: str, spans: Sequence[tuple[int, int]]) -> str:
    """``ua`` with ``spans`` blanked (same length, so match spans still fit)."""
    for start, end in spans:
        ua = ua[:start] + " " * (end - start) + ua[end:]
    return ua


class _Index:
    """The built-in lists, indexed once per process.

    Each pattern is split at its top-level ``|`` into branches, and each branch is
    keyed by a piece of text every match of it contains (:mod:`jreject.data.regex_syntax`).
    ``candidates(ua)`` finds every key in the lower-cased User-Agent in one pass of
    an Aho-Corasick automaton (pyahocorasick) and returns the branches they key,
    lowest first; ``regex(i)`` is branch ``i``, compiled by RE2.

    ``known`` maps a pattern to its branches as :func:`branch_index` wrote them into
    the bot data (text, key, keyed at the start): those were split, keyed and
    compiled once by the generator, so here they are only read, and each branch is
    compiled on the first User-Agent that makes it a candidate (:meth:`warm_up`
    compiles them all). A pattern not in ``known`` (a data file from an older
    jreject) is split, keyed and compiled now, and one RE2 refuses is skipped.

    An automaton has no cache to fill: its cost is the same on the millionth novel
    hostile User-Agent as on the first. RE2's own ``FilteredRE2`` and ``Set`` match
    the same way, but build DFA states lazily and throw them all away when their
    budget is spent; the call that pays for the rebuild took milliseconds.
    """

    __slots__ = (
        "_automaton",
        "_compiled",
        "_keyless",
        "_texts",
        "broad",
        "first_keyless",
        "owners",
        "patterns",
        "skipped",
    )

    def __init__(
        self, patterns: Sequence[BotPattern], known: Mapping[str, Sequence[Branch]] | None = None
    ) -> None:
        usable: list[BotPattern] = []
        skipped: list[BotPattern] = []
        texts: list[str] = []
        compiled: list[_Compiled | None] = []
        owners: list[BotPattern] = []
        # Per key, the branches it keys anywhere [0] and only at the very start [1].
        by_key: dict[str, tuple[list[int], list[int]]] = {}
        always: list[int] = []
        # Without google-re2 the index RE2 validated does not vouch for ``re``.
        known = known if known is not None and _re2 is not None else {}
        everyday = "\x00".join(_EVERYDAY)
        for entry in patterns:
            split = known.get(entry.pattern)
            regexes: Sequence[_Compiled | None]
            if split is None:
                try:
                    split = branches_of(entry.pattern)
                    # Compiled now, so that a pattern RE2 refuses shows at start-up.
                    regexes = [_compile_branch(text) for text, _, _ in split]
                except ValueError:
                    skipped.append(entry)
                    continue
            else:
                regexes = [None] * len(split)
            usable.append(entry)
            compiled += regexes
            for text, key, at_start in split:
                index = len(texts)
                texts.append(text)
                owners.append(entry)
                if key is None or key in everyday:
                    always.append(index)
                    continue
                lists = by_key.get(key)
                if lists is None:
                    lists = by_key[key] = ([], [])
                lists[at_start].append(index)
        if skipped:
            # A future crawler-user-agents release could ship a pattern RE2 cannot
            # run; detection goes on without it rather than failing to start.
            _logger.warning(
                "jreject skips %d bot pattern(s) that RE2 cannot compile: %s",
                len(skipped),
                ", ".join(repr(entry.pattern) for entry in skipped[:5]),
            )
        # A browser marker is a key too, of the branch MARKED: one pass finds both.
        for marker in BROWSER_MARKERS:
            by_key.setdefault(marker.lower(), ([], []))[0].append(MARKED)
        automaton = ahocorasick.Automaton()
        for key, (anywhere, first) in by_key.items():
            automaton.add_word(key, (len(key) - 1, tuple(anywhere), tuple(first)))
        automaton.make_automaton()
        self.patterns: tuple[BotPattern, ...] = tuple(usable)
        self.skipped: tuple[BotPattern, ...] = tuple(skipped)
        self.owners: tuple[BotPattern, ...] = tuple(owners)
        self._texts: tuple[str, ...] = tuple(texts)
        # Filled in as branches are first asked; a race compiles one twice, harmlessly.
        self._compiled = compiled
        self._keyless = _Keyless([(index, texts[index]) for index in always])
        self.first_keyless = min(always, default=len(texts))
        self._automaton = automaton
        # Bundled lists and generic signs: not asked in a device model's slot, nor
        # of a browser whose own User-Agent carries such signs (BROWSER_MARKERS).
        self.broad = frozenset(
            index
            for index, owner in enumerate(owners)
            if owner.source != "jreject" or owner.category == "unknown"
        )

    def warm_up(self) -> None:
        """Compile every branch now, so that no request pays for one."""
        for index in range(len(self._texts)):
            self.compiled(index)

    def candidates(self, ua: str) -> list[int]:
        """The branches that can match ``ua``, lowest first: keyed and keyless."""
        return sorted({*self.keyed(ua), *self.keyless(ua)} - {MARKED})

    def keyed(self, ua: str) -> list[int]:
        """The branches whose key occurs in ``ua`` (case-insensitively), and
        :data:`MARKED` if a browser marker does; in no order, maybe repeated."""
        found: list[int] = []
        for end, (last, anywhere, at_start) in self._automaton.iter(ua.lower()):
            found += anywhere
            # "^mozilla/…", "^ddg[_-]android": only a key at the very start counts.
            if at_start and end == last:
                found += at_start
        return found

    def keyless(self, ua: str | bytes) -> Sequence[int]:
        """The branches with no key that the RE2 Set says match ``ua``."""
        return self._keyless(ua)

    def regex(self, index: int) -> BotRegex:
        """Branch ``index``, compiled (on first use)."""
        return self.compiled(index)[0]

    def compiled(self, index: int) -> _Compiled:
        """Branch ``index`` compiled (on first use), with its named groups."""
        compiled = self._compiled[index]
        if compiled is None:
            text = self._texts[index]
            try:
                literal = _Literal.of(text)
                compiled = (literal, {}) if literal is not None else _compile_branch(text)
            except ValueError as exc:
                # The generator compiled this branch under RE2 before recording it, so
                # only another RE2 build could refuse it now: never match, rather than
                # fail the request.
                _logger.warning(
                    "jreject skips bot pattern %r that RE2 cannot compile: %s", text, exc
                )
                compiled = _compile_branch(_NEVER)
            self._compiled[index] = compiled
        return compiled


class _Keyless:
    """The branches no text keys (isbot's ``^[<(;]``, ``\\(\\)``): which of them match.

    One RE2 ``Set`` pass over the User-Agent answers for all of them at once; they
    are few and short, so the Set's automaton stays small. Without google-re2 each
    is a candidate on every call.
    """

    __slots__ = ("_indices", "_set")

    def __init__(self, branches: Sequence[tuple[int, str]]) -> None:
        self._indices = tuple(index for index, _ in branches)
        self._set: Any = None
        if _re2 is not None and branches:
            found = _re2.Set.SearchSet(_options())
            for _, text in branches:
                found.Add(text)
            found.Compile()
            self._set = found

    def __call__(self, ua: str | bytes) -> Sequence[int]:
        if self._set is None:
            return self._indices
        hits = self._set.Match(ua)
        return [self._indices[hit] for hit in hits] if hits else ()


_BUILT: list[tuple[Mapping[str, Any], _Index]] = []


def _built_in() -> _Index:
    """The index of the bot data in use, built once per version of that data."""
    data = load_bot_data()
    if not _BUILT or _BUILT[0][0] is not data:
        # After `jreject data update`, matchers built from now on use the new lists.
        _BUILT[:] = [(data, _build(data))]
    return _BUILT[0][1]


def _build(data: Mapping[str, Any]) -> _Index:
    known: dict[str, Sequence[Branch]] = {}
    if data.get(BRANCHES_VERSION) == INDEX_VERSION:
        try:
            known = {
                pattern: [_branch(*branch) for branch in split] for pattern, split in data[BRANCHES]
            }
        except (TypeError, ValueError):
            # A damaged index costs start-up time, not answers: key every pattern anew.
            _logger.warning("jreject ignores the bot data's branch index: it is damaged")
            known = {}
    return _Index(built_in_patterns(data), known)


def _branch(text: object, key: object, at_start: object) -> Branch:
    """One recorded branch, its types checked (:class:`TypeError` if one is wrong)."""
    if (
        not isinstance(text, str)
        or not (key is None or isinstance(key, str))
        or not isinstance(at_start, bool)
    ):
        raise TypeError(f"not a branch: {[text, key, at_start]!r}")
    return text, key, at_start


def _options() -> Any:
    options = _re2.Options()
    options.log_errors = False  # a refused pattern is our exception, not a log line
    return options


def _compile(pattern: str) -> BotRegex:
    """``pattern`` compiled by RE2 (or ``re`` without it); :class:`ValueError` if it cannot be."""
    if _re2 is None:
        try:
            return re.compile(pattern)
        except re.error as exc:
            raise ValueError(str(exc)) from exc
    try:
        regex: BotRegex = _re2.compile(pattern, options=_options())
    except _re2.error as exc:
        raise ValueError(_re2_reason(exc)) from exc
    return regex


def _re2_reason(exc: Exception) -> str:
    # google-re2 raises with RE2's message as bytes.
    raw = exc.args[0] if exc.args else exc
    reason = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    if "perl operator" in reason or "escape sequence" in reason:
        reason += (
            " (RE2 runs every pattern in linear time and so has no lookarounds "
            "or backreferences: rewrite the pattern without them)"
        )
    return reason


def _encodable(text: str) -> str:
    """``text`` as RE2 can take it: RE2 matches UTF-8, which no lone surrogate has.

    A server decoding header bytes with ``surrogateescape`` (aiohttp, a CLI argument
    under PEP 383) hands over such text; each lone surrogate becomes ``?``.
    """
    if text.isascii():
        return text
    return text.encode("utf-8", "replace").decode("utf-8")


class _Literal:
    """A branch that is plain text ("Abonti", ``(?i)Googlebot\\/``), found by
    ``find`` rather than run as an RE2 program.

    Most bundled branches are names, and an RE2 program takes ~3 KiB: compiling them
    all doubled the matcher's memory. It answers as RE2 would (a test compares them
    on every such branch); on non-ASCII text, where lower-casing can change offsets,
    it asks a compiled copy of its pattern.
    """

    __slots__ = ("_bytes", "_fold", "_regex", "_text", "pattern")

    #: Plain text, maybe after RE2's case flag: no operators, only escaped punctuation.
    _PLAIN = re.compile(r"(\(\?i\))?((?:[^\\.^$*+?()\[\]{}|]|\\[^\w\s])+)")

    def __init__(self, pattern: str, text: str, fold: bool) -> None:
        self.pattern = pattern
        self._fold = fold
        self._text = text.lower() if fold else text
        self._bytes = self._text.encode("ascii")
        self._regex: BotRegex | None = None

    @classmethod
    def of(cls, pattern: str) -> _Literal | None:
        """``pattern`` as a :class:`_Literal`, or ``None`` when it is more than text."""
        plain = cls._PLAIN.fullmatch(pattern)
        if plain is None:
            return None
        text = re.sub(r"\\(.)", r"\1", plain[2])
        return cls(pattern, text, plain[1] is not None) if text.isascii() else None

    @property
    def groupindex(self) -> Mapping[str, int]:
        return {}

    def search(self, text: str | bytes, pos: int = 0, /) -> _Found | BotMatch | None:
        needle: str | bytes
        if isinstance(text, bytes):
            needle = self._bytes
        elif text.isascii():
            needle = self._text
        else:
            regex = self._regex
            if regex is None:
                regex = self._regex = _compile(self.pattern)
            found: BotMatch | None = regex.search(text, pos)
            return found
        start = (text.lower() if self._fold else text).find(needle, pos)  # type: ignore[arg-type]
        return None if start < 0 else _Found(self, text, start, start + len(needle))


class _Found:
    """A :class:`_Literal`'s match, with the part of ``re.Match`` the matcher reads."""

    __slots__ = ("_end", "_start", "_text", "re")

    def __init__(self, literal: _Literal, text: str | bytes, start: int, end: int) -> None:
        self.re = literal
        self._text = text
        self._start = start
        self._end = end

    def span(self, group: int = 0, /) -> tuple[int, int]:
        return (self._start, self._end) if group == 0 else (-1, -1)

    def start(self, group: int = 0, /) -> int:
        return self.span(group)[0]

    def group(self, group: int | str = 0, /) -> Any:
        return self._text[self._start : self._end] if group == 0 else None


def _compile_branch(pattern: str) -> _Compiled:
    regex = _compile(pattern)
    # Read once: google-re2 builds the mapping anew on each access.
    return regex, dict(regex.groupindex)


def _haystack(text: str) -> str | bytes:
    """What RE2 searches for ``text``: its bytes when it is ASCII, as nearly every
    User-Agent is. The offsets are the same, and google-re2 then skips mapping UTF-8
    offsets back to ``str`` ones, most of the cost of a search."""
    return text.encode("ascii") if _re2 is not None and text.isascii() else text


def _search_built_in(compiled: _Compiled, text: str, haystack: str | bytes) -> BotMatch | None:
    """The first match of a built-in branch whose ``name`` group is not a browser.

    ``haystack`` is ``text`` or its bytes (:func:`_haystack`); read groups off ``text``
    by their spans, since a match in bytes gives bytes.
    """
    regex, groups = compiled
    search: Any = regex.search  # RE2's takes bytes too; the protocol says str for ``re``
    match: BotMatch | None = search(haystack)
    name = groups.get("name")
    if match is None or name is None:
        return match
    # "(compatible; Konqueror/3.5 …)" is the bot form, used by a browser: look on.
    while match is not None and _browser_name(_group(text, match, name)):
        match = search(haystack, match.start() + 1)
    return match


def _group(text: str, match: BotMatch, group: int) -> str:
    """Group ``group`` of ``match`` in ``text`` ("" when it took no part)."""
    start, end = match.span(group)
    return text[start:end] if start >= 0 else ""


def _browser_name(name: str) -> bool:
    # "Konqueror", "Linux mips", "Safari5533.22.3": the first word, version digits off;
    # or a name that says it is a browser ("NCBrowser").
    word = name.split(" ")[0].rstrip("0123456789.")
    return word in COMPATIBLE_BROWSERS or word.lower().endswith("browser")


def load_crawler_user_agents() -> list[dict[str, object]]:
    """The entries of the installed ``crawler-user-agents`` Python package, as published.

    Its ``instances`` (sample User-Agents) serve tests and benchmarks, which install the
    package (``pip install crawler-user-agents``); jreject itself does not need it: the
    matcher and ``jreject export`` read the patterns from jreject's own bot data
    (:func:`jreject.data.bots.load_bot_data`).
    """
    text = resources.files(CRAWLER_PACKAGE).joinpath(CRAWLER_FILE).read_text("utf-8")
    data = json.loads(text)
    if not isinstance(data, list):
        raise ValueError(f"{CRAWLER_FILE}: expected a JSON list of entries, got {type(data)}")
    return data


def compile_bot_pattern(pattern: object) -> BotRegex:
    """Compile one user bot pattern, or raise naming it; configuration loaders share this.

    :class:`TypeError` when it is not a ``str``; :class:`ValueError` when RE2 cannot
    compile it (a syntax error, a lookaround, a backreference) or it matches the
    empty string (it would then flag every User-Agent).
    """
    if not isinstance(pattern, str):
        raise TypeError(f"bot pattern {pattern!r} must be a str, not {type(pattern).__name__}")
    try:
        regex = _compile(pattern)
    except ValueError as exc:
        raise ValueError(
            f"bot pattern {pattern!r} is not a valid regular expression for RE2: {exc}"
        ) from None
    if regex.search("") is not None:
        raise ValueError(
            f"bot pattern {pattern!r} matches the empty string, so it would flag every "
            "User-Agent; make it require some text"
        )
    return regex


def _name_from(
    ua: str, match: BotMatch, groups: Mapping[str, int], *, product: bool = False
) -> str:
    """The matched text widened to the whole word it sits in: ``bot`` → ``Googlebot``.

    A pattern with a group named ``name`` reports that group as it stands; one with
    a group named ``at`` is widened from that group instead of the whole match.
    """
    named = groups.get("name")
    if named is not None and (text := _group(ua, match, named)):
        return text[:MAX_NAME]
    at = groups.get(_AT)
    # By number: RE2's span() takes no group names; a group that matched nothing
    # (or took no part, (-1, -1)) leaves the whole match.
    start, end = match.span(at) if at is not None else (0, 0)
    if start >= end:
        start, end = match.span()
    if start < end and ua[start] in _WORD_CHARS:
        # As far left as word characters go, MAX_NAME at most (str.rstrip runs in C).
        before = ua[max(0, start - MAX_NAME) : start]
        start -= len(before) - len(before.rstrip(_WORD_CHARS))
    if start < end and ua[end - 1] in _WORD_CHARS:
        after = ua[end : end + MAX_NAME]
        end += len(after) - len(after.lstrip(_WORD_CHARS))
    if _in_web_address(ua, start, end):
        # "yandex.com/bots", "github.com/sindresorhus/got": the bot's own name, where
        # the User-Agent gives one, says more than its web site.
        found = _product_name(ua)
        if found is not None:
            return found
    name = ua[start:end]
    if product:
        # A built-in match over a whole product ("Zorb/1.0 (info)", isbot's shapes)
        # is named by the product's name, not its version or comment.
        name = name.split(" (", 1)[0]
        name = name.split("/", 1)[0].strip(" ;:()+-_.") or name
    name = name.strip(" /;:()+-_.")
    if not any(char.isalnum() for char in name):
        # Punctuation matched ("<" of "<script>…", "(" of "() { :; };"): the start of
        # the User-Agent tells an operator more than the pattern's source would.
        name = ua.strip()[:MAX_NAME].rstrip()
    if not any(char.isalnum() for char in name) or len(name) > MAX_NAME:
        return str(match.re.pattern)[:MAX_NAME]
    return name


# A product name: "(compatible; YandexBot/3.0", or a User-Agent's first token ("got (…)").
_COMPATIBLE_NAME = re.compile(COMPATIBLE_FORM)
_LEADING_NAME = re.compile(r"([A-Za-z][\w-]*)(?:/[\w.]+)?(?: |;|$)")


def _in_web_address(ua: str, start: int, end: int) -> bool:
    """Whether ``ua[start:end]`` is (in) a host name or a web address."""
    token = ua.rfind(" ", 0, start) + 1
    return "." in ua[start:end] or "://" in ua[token:start] or ua.startswith("www.", token)


def _product_name(ua: str) -> str | None:
    compatible = _COMPATIBLE_NAME.search(ua, 0, MAX_SCAN)
    if compatible is not None:
        return compatible.group("name")[:MAX_NAME]
    leading = _LEADING_NAME.match(ua)
    if leading is None or leading.group(1) == "Mozilla" or _browser_token(leading.group(1)):
        return None
    return leading.group(1)[:MAX_NAME]


def _browser_token(token: str) -> bool:
    return token.lower().rstrip("0123456789.") in TEXT_BROWSERS


def _bare_token_name(ua: str) -> str | None:
    if ";" in ua:
        # Neither shape below takes a ";", which nearly every browser's comment holds.
        return None
    text = ua.strip()
    if text.startswith(BARE_DEVICES) or _NAMES_A_BROWSER.search(text):
        # An app that sends only the phone's model ("iPhone13Pro"): no browser, but
        # no bot's name either. A device's own browser that calls itself one ("nook
        # browser/1.0", "Aplix_SEGASATURN_browser/2.0") is a browser.
        return None
    match = _BARE_TOKEN.fullmatch(text)
    if match is not None:
        return None if _browser_token(match.group(1)) else match.group(1)
    match = _PLAIN_WORDS.fullmatch(text)
    if match is None or _browser_token(match.group(1)) or "Mozilla" in text:
        return None
    return text[:MAX_NAME].rstrip(" .,:")
