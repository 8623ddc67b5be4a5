"""The notice's gettext catalogs: ours in ``jreject/locale``, and any a site adds.

A catalog directory follows gettext's layout, with Babel's locale names as folder
names: ``<dir>/pt_BR/LC_MESSAGES/jreject.mo`` (or ``.po``). The folder name is read as
a BCP 47 tag (``pt_BR`` → ``pt-BR``, ``zh_Hant`` → ``zh-Hant``); a Chinese one without a
script gets the one its region implies (``zh_TW`` → ``zh-Hant-TW``).

Wheels carry ``.mo`` files compiled at build time (``hatch_build.py``). A source
checkout or editable install has only the ``.po`` files: then the ``.po`` is read
with Babel, which gives the same messages, only slower to load (once, at startup).
A ``.mo`` clearly older than its ``.po`` is ignored, so an edited ``.po`` is never
shadowed by a stale compile. Fuzzy and empty entries are never used.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

from jreject.notice.language import canonical_tag, with_script

__all__ = [
    "DOMAIN",
    "LOCALE_DIR",
    "Direction",
    "find_catalogs",
    "list_separator",
    "read_catalog",
    "read_catalogs",
    "text_direction",
]

#: The gettext domain: ``LC_MESSAGES/jreject.po``.
DOMAIN = "jreject"
#: Our catalogs, inside the package.
LOCALE_DIR = Path(str(resources.files("jreject").joinpath("locale")))

Direction = Literal["ltr", "rtl"]

_STALE_AFTER = 2.0


def find_catalogs(folder: str | os.PathLike[str], domain: str = DOMAIN) -> dict[str, Path]:
    """``{tag: catalog file}`` for every ``<folder>/<locale>/LC_MESSAGES/<domain>.{mo,po}``.

    Raises ``ValueError`` for a folder name that is not a language tag, so a typo in a
    site's catalog directory is reported at startup.
    """
    found: dict[str, Path] = {}
    root = Path(folder)
    for entry in sorted(root.iterdir()):
        messages = entry / "LC_MESSAGES"
        if not messages.is_dir():
            continue
        po, mo = messages / f"{domain}.po", messages / f"{domain}.mo"
        if not (po.is_file() or mo.is_file()):
            continue
        tag = canonical_tag(entry.name)
        if tag is None:
            raise ValueError(
                f"{entry} is not named by a language tag; use a locale name such as "
                "'pt_BR' or 'zh_Hant'"
            )
        found[with_script(tag)] = _newest(po, mo)
    return found


def _newest(po: Path, mo: Path) -> Path:
    if not mo.is_file():
        return po
    # Installers write files one after another: only a .po edited clearly after the
    # compile (more than a couple of seconds) counts as newer.
    if po.is_file() and po.stat().st_mtime > mo.stat().st_mtime + _STALE_AFTER:
        return po
    return mo


def read_catalog(path: Path) -> dict[str, str]:
    """The translated messages of one catalog, ``{msgid: msgstr}`` (no fuzzy, no empty)."""
    stat = path.stat()
    return dict(_read_catalog(path, stat.st_mtime_ns, stat.st_size))


# Keyed by modification time and size too, so an edited catalog is read again; several
# notices (tests, one per app) share one parse.
@lru_cache(maxsize=512)
def _read_catalog(path: Path, _mtime: int, _size: int) -> dict[str, str]:
    from babel.messages.mofile import read_mo
    from babel.messages.pofile import PoFileError, read_po

    if path.suffix == ".po":
        _check_po_lines(path)
    # Babel reads a malformed .po leniently, printing a warning and keeping what it
    # guessed (a message cut short): a site's catalog must fail at startup instead.
    try:
        with path.open("rb") as handle:
            catalog = (
                read_mo(handle) if path.suffix == ".mo" else read_po(handle, abort_invalid=True)
            )
    except (PoFileError, OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"{path} is not a valid gettext catalog: {exc}") from exc
    return {
        message.id: message.string
        for message in catalog
        if message.id
        and isinstance(message.id, str)
        and isinstance(message.string, str)
        and message.string
        and not message.fuzzy
    }


# A .po line is a comment, blank, or a keyword and/or one quoted string; Babel drops
# the last character of an unterminated string without a word.
_PO_LINE = re.compile(
    r'\s*(?:#.*|(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*)?'
)


def _check_po_lines(path: Path) -> None:
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            if not _PO_LINE.fullmatch(line):
                raise ValueError(
                    f"{path} line {number}: not a gettext catalog line (an unterminated "
                    f"string?): {line[:80]!r}"
                )


def read_catalogs(
    folders: Iterable[str | os.PathLike[str]], domain: str = DOMAIN
) -> dict[str, dict[str, str]]:
    """Every catalog in ``folders``; a message translated in several, the first folder's wins.

    So a site's folder, listed before ours, can fix one message of a language and keep
    the rest of our catalog for it.
    """
    result: dict[str, dict[str, str]] = {}
    for folder in reversed(list(folders)):
        for tag, path in find_catalogs(folder, domain).items():
            result.setdefault(tag, {}).update(read_catalog(path))
    return result


@lru_cache(maxsize=256)
def text_direction(tag: str) -> Direction:
    """``"rtl"`` or ``"ltr"`` for a language tag, from Babel's CLDR data.

    A tag Babel does not know is looked up by its language alone; a language it does
    not know at all is taken as left-to-right.
    """
    from babel import Locale, UnknownLocaleError

    for candidate in (tag, tag.split("-", 1)[0]):
        try:
            locale = Locale.parse(candidate, sep="-")
        except (UnknownLocaleError, ValueError):
            continue
        return "rtl" if locale.text_direction == "rtl" else "ltr"
    return "ltr"


@lru_cache(maxsize=256)
def list_separator(tag: str) -> str:
    """What goes between two items of a list of choices in ``tag``'s language.

    From CLDR's "or" list pattern (its middle part), by Babel: ``", "`` in English,
    ``"、"`` in Japanese and Chinese, ``" أو "`` in Arabic. A language Babel does not know
    gets ``", "``.
    """
    from babel import Locale, UnknownLocaleError

    for candidate in (tag, tag.split("-", 1)[0]):
        try:
            patterns = Locale.parse(candidate, sep="-").list_patterns
        except (UnknownLocaleError, ValueError):
            continue
        for style in ("or", "standard"):
            try:
                middle = str(patterns[style]["middle"])
            except (KeyError, TypeError):
                continue
            if middle.startswith("{0}") and middle.endswith("{1}") and len(middle) > 6:
                return middle[3:-3]
    return ", "
