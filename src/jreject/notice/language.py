"""Which of the notice's languages a visitor gets: BCP 47 tags and ``Accept-Language``.

Everything here is a pure function over strings, so the middleware, the framework
shims and the tests share one set of rules:

* :func:`canonical_tag` writes a tag the way BCP 47 (RFC 5646 §2.1.1) prints it:
  ``PT_br`` → ``pt-BR``, ``zh-hant-tw`` → ``zh-Hant-TW``.
* :func:`match` finds the best available tag for one wanted tag, by RFC 4647 §3.4
  *lookup* (drop subtags from the end) plus the fallbacks browsers need in practice:
  a Chinese region picks its script (``zh-TW`` → ``zh-Hant``, ``zh-CN`` → ``zh-Hans``), as
  does a Serbian one (``sr-ME`` → ``sr-Latn``),
  ``no`` and ``nn`` read Bokmål (``nb``), deprecated ``iw``/``in`` are ``he``/``id``,
  and ``pt`` takes ``pt-BR`` when only that is available.
* :func:`negotiate` reads ``Accept-Language`` (RFC 9110 §12.5.4) with its q-values.
  The header comes from the visitor, so it is bounded: a header over
  :data:`MAX_HEADER` characters is ignored whole, and only the first
  :data:`MAX_MEMBERS` entries are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

__all__ = [
    "MAX_HEADER",
    "MAX_MEMBERS",
    "canonical_tag",
    "match",
    "negotiate",
    "parse_accept_language",
    "with_script",
]

#: Longer headers are ignored (real browsers send well under 200 characters).
MAX_HEADER = 1024
#: Only the first entries of a header count (a browser sends a handful).
MAX_MEMBERS = 32

# The whole tag in one pass, so malformed members cost one regex (RFC 5646 §2.1 syntax).
_TAG = re.compile(r"[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*")
# RFC 9110 §12.4.2: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
_QVALUE = re.compile(r"(?:0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?)")

# Chinese is written in two scripts; browsers mostly send a region, which implies one
# (CLDR likely subtags: TW, HK and MO write Traditional; CN, SG and MY Simplified).
_ZH_SCRIPT_BY_REGION = {"TW": "Hant", "HK": "Hant", "MO": "Hant"}
# Per language written in two scripts: the regions that imply a script (CLDR likely
# subtags), and the script a tag without such a region implies (None: the plain tag's).
# Serbian is Cyrillic in Serbia, our plain "sr", and Latin in Montenegro, Romania, Turkey.
_IMPLIED_SCRIPT: dict[str, tuple[dict[str, str], str | None]] = {
    "zh": (_ZH_SCRIPT_BY_REGION, "Hans"),
    "sr": ({"ME": "Latn", "RO": "Latn", "TR": "Latn"}, None),
}
# Other tags a reader of an available language is best served by, tried after lookup.
_ALIASES = {
    "iw": "he",  # deprecated code for Hebrew, still sent by old Android
    "in": "id",  # deprecated code for Indonesian
    "no": "nb",  # Norwegian: Bokmål is what nearly all Norwegian text is written in
    "nn": "nb",  # Nynorsk readers read Bokmål; better than English
}


@lru_cache(maxsize=4096)
def canonical_tag(tag: str | None) -> str | None:
    """``tag`` in BCP 47's canonical case with ``-`` separators, or ``None`` if malformed.

    Accepts ``_`` (gettext, Babel) as a separator. Only the syntax is checked: any
    well-formed tag is returned, known or not.
    """
    if not tag or len(tag) > 64:
        return None
    tag = tag.strip()
    if not _TAG.fullmatch(tag):
        return None
    parts = tag.replace("_", "-").split("-")
    out = [parts[0].lower()]
    for index, part in enumerate(parts[1:], start=1):
        if len(part) == 4 and part.isalpha() and index == 1:
            out.append(part.title())  # script, e.g. Hant
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())  # region, e.g. BR, 419
        else:
            out.append(part.lower())
    return "-".join(out)


def with_script(tag: str) -> str:
    """A canonical Chinese or Serbian tag with the script its region implies, others as
    they are.

    ``zh-TW`` → ``zh-Hant-TW``, ``zh-CN`` and ``zh`` → ``zh-Hans(-CN)``, ``sr-ME`` →
    ``sr-Latn-ME`` (``sr`` and ``sr-RS`` stay: plain ``sr`` is Cyrillic). A site's catalog
    folder ``zh_TW`` or texts table ``[notice.texts.zh-TW]`` then sits under our
    ``zh-Hant``: it is what :func:`match` finds first for a ``zh-TW`` reader, and the
    messages it leaves out come from ``zh-Hant``, not English.
    """
    parts = tag.split("-")
    script = _implied_script(parts)
    return tag if script is None else "-".join([parts[0], script, *parts[1:]])


def _implied_script(parts: list[str]) -> str | None:
    """The script a tag without one implies, for a language written in two; else None."""
    known = _IMPLIED_SCRIPT.get(parts[0])
    if known is None or (len(parts) > 1 and len(parts[1]) == 4 and parts[1].isalpha()):
        return None
    by_region, default = known
    region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
    return by_region.get(region or "", default)


def _candidates(tag: str) -> Iterator[str]:
    """The tags to try for ``tag`` (canonical), best first."""
    parts = tag.split("-")
    primary = parts[0]
    if primary == "zh":
        script = next((p for p in parts[1:] if len(p) == 4), None)
        region = next((p for p in parts[1:] if len(p) == 2 and p.isalpha()), None)
        if script is None:
            script = _ZH_SCRIPT_BY_REGION.get(region or "", "Hans")
            yield from _lookup(["zh", script, *parts[1:]])
        yield from _lookup(parts)
        yield f"zh-{script}"
        return
    script = _implied_script(parts)
    if script is not None:
        yield from _lookup([primary, script, *parts[1:]])
    yield from _lookup(parts)
    alias = _ALIASES.get(primary)
    if alias is not None:
        yield from _lookup([alias, *parts[1:]])


def _lookup(parts: list[str]) -> Iterator[str]:
    # RFC 4647 §3.4: drop subtags from the end; a single-letter subtag (an extension
    # or private-use marker) goes with the subtag after it.
    while parts:
        yield "-".join(parts)
        parts = parts[:-1]
        if len(parts) > 1 and len(parts[-1]) == 1:
            parts = parts[:-1]


@lru_cache(maxsize=1024)
def match(tag: str | None, available: frozenset[str]) -> str | None:
    """The available tag that serves a reader of ``tag`` best, or ``None``.

    ``available`` holds canonical tags (:func:`canonical_tag`). Lookup first
    (``de-AT`` → ``de``), then the aliases above, then any available tag with the
    same primary language (``pt`` → ``pt-BR`` when there is no plain ``pt``).
    """
    wanted = canonical_tag(tag)
    if wanted is None:
        return None
    for candidate in _candidates(wanted):
        if candidate in available:
            return candidate
    primary = wanted.split("-", 1)[0]
    if primary == "zh":
        return None  # never hand a Traditional reader Simplified text, or the reverse
    same = sorted(t for t in available if t.split("-", 1)[0] == primary)
    return same[0] if same else None


def parse_accept_language(header: str | None) -> list[str]:
    """The tags of an ``Accept-Language`` header, most wanted first (RFC 9110 §12.5.4).

    Entries with ``q=0`` (not acceptable), ``*``, malformed tags or malformed q-values
    are dropped; equal q-values keep the header's order. An oversized header gives ``[]``.
    """
    if not header or len(header) > MAX_HEADER:
        return []
    ranked: list[tuple[float, int, str]] = []
    for position, member in enumerate(header.split(",", MAX_MEMBERS)[:MAX_MEMBERS]):
        tag, _, params = member.partition(";")
        tag = tag.strip()
        quality = 1.0
        if params:
            name, _, value = params.strip().partition("=")
            value = value.strip()
            if name.strip().lower() != "q" or not _QVALUE.fullmatch(value):
                continue
            quality = float(value)
        if quality <= 0 or tag == "*":
            continue
        canonical = canonical_tag(tag)
        if canonical is not None:
            ranked.append((-quality, position, canonical))
    ranked.sort()
    return [tag for _, _, tag in ranked]


@lru_cache(maxsize=2048)
def _negotiate(header: str, available: frozenset[str]) -> str | None:
    for tag in parse_accept_language(header):
        found = match(tag, available)
        if found is not None:
            return found
    return None


def negotiate(header: str | None, available: frozenset[str]) -> str | None:
    """The available tag that best fits an ``Accept-Language`` header, or ``None``.

    Each wanted tag, in q order, is tried with :func:`match` before the next one, so
    ``fr-CA, en;q=0.5`` picks ``fr`` over ``en``. Results are cached per header.
    """
    if not header or len(header) > MAX_HEADER:
        return None
    return _negotiate(header, available)
