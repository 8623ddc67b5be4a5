"""The demo shop's own words in the visitor's language (gettext domain ``jreject_demo``).

The shop negotiates ``Accept-Language`` like the notice does (:mod:`jreject.notice.language`),
among the languages its catalogs cover (``src/jreject/locale/<locale>/LC_MESSAGES/
jreject_demo.po``); anything else gets English. Messages are the English texts, marked
with :func:`N_` where they are defined and translated when a page is rendered.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jreject.notice.catalogs import LOCALE_DIR, Direction, read_catalogs, text_direction
from jreject.notice.language import negotiate

__all__ = ["DOMAIN", "N_", "Language", "choose", "demo_languages", "translated"]

DOMAIN = "jreject_demo"


def N_(message: str) -> str:
    """Mark ``message`` for extraction into ``jreject_demo.pot``."""
    return message


@dataclass(frozen=True, slots=True)
class Language:
    """One language of the shop: its BCP 47 tag, direction and translations."""

    tag: str
    dir: Direction
    messages: Mapping[str, str]

    def gettext(self, message: str) -> str:
        """``message`` translated, or as is when this language lacks it."""
        return self.messages.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Plural forms are not used by the shop: English rules, translated."""
        return self.gettext(singular if n == 1 else plural)

    def format(self, message: str, **values: Any) -> str:
        """``message`` translated, its ``{placeholders}`` filled."""
        return self.gettext(message).format(**values)


ENGLISH = Language("en", "ltr", {})


@functools.cache
def demo_languages() -> dict[str, Language]:
    """Every language the shop speaks, English first."""
    languages = {"en": ENGLISH}
    for tag, messages in sorted(read_catalogs([LOCALE_DIR], DOMAIN).items()):
        languages[tag] = Language(tag, text_direction(tag), messages)
    return languages


def choose(accept_language: str | None) -> Language:
    """The shop's language for a visitor's ``Accept-Language`` (English when none fits)."""
    languages = demo_languages()
    tag = negotiate(accept_language, frozenset(languages))
    return languages[tag] if tag is not None else ENGLISH


def translated(texts: Mapping[str, str]) -> dict[str, Any]:
    """Notice texts in English plus their translation in every shop language.

    The demo's softer banner is a site's own wording: this turns it into the
    ``[notice.texts]`` table with one sub-table per language (docs/notice.md).
    """
    table: dict[str, Any] = dict(texts)
    for tag, language in demo_languages().items():
        if tag == "en":
            continue
        found = {
            key: language.messages[text] for key, text in texts.items() if text in language.messages
        }
        if found:
            table[tag] = found
    return table
