"""Every word a visitor reads, in one place: English defaults, translations, jReject names.

Texts are plain text, never HTML: they are escaped when rendered. A text may name the
visitor's browser through placeholders, filled per request from the detected client:

``{browser}``  the label, e.g. ``Safari 12.1`` (``unknown_browser`` when nothing was detected)
``{name}``     the browser name alone, e.g. ``Safari``
``{version}``  its version alone, e.g. ``12.1`` (empty when unknown)
``{os}``       the operating system, e.g. ``iOS``

The English texts are the gettext message ids: translations live in the catalogs under
``jreject/locale`` (:mod:`jreject.notice.catalogs`; ``docs/translations.md``), and
:data:`TRANSLATIONS` gives them by language tag and key.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from jreject.notice.language import canonical_tag

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_TEXTS",
    "JREJECT_NAMES",
    "N_",
    "PLACEHOLDERS",
    "TEXT_KEYS",
    "TRANSLATIONS",  # noqa: F822 - built on first use by __getattr__ below
    "fill",
    "from_catalog",
    "split_texts",
    "validate_texts",
]

DEFAULT_LANGUAGE = "en"

#: Placeholders a text may contain; anything else in braces is a configuration error.
PLACEHOLDERS: frozenset[str] = frozenset({"browser", "name", "version", "os"})


def N_(message: str) -> str:
    """Mark ``message`` for extraction into ``jreject.pot``; it is translated when rendered."""
    return message


# Each value is the English text and the gettext msgid of its translations (see
# docs/translations.md). A "TRANSLATORS:" comment is copied into the catalogs.
DEFAULT_TEXTS: dict[str, str] = {
    # The modal (jReject's dialog).
    # TRANSLATORS: Title of the dialog shown to visitors whose web browser is too old.
    "header": N_("Your browser is out of date"),
    # TRANSLATORS: {browser} is the visitor's browser and version, e.g. "Safari 12.1",
    # or the text "a browser we do not recognise". Keep {browser} as it is.
    "paragraph1": N_(
        "You are using {browser}. This site no longer supports it, "
        "so some pages may look broken or not work at all."
    ),
    # TRANSLATORS: "the browsers below" is a list of browser names with download links.
    "paragraph2": N_(
        "Please update it, or install one of the browsers below. "
        "It only takes a few minutes, and current browsers are safer and faster."
    ),
    "close_message": N_("You can keep using this browser, but parts of this site may not work."),
    # TRANSLATORS: A link that closes the dialog.
    "close_link": N_("Close this message"),
    # The banner: the same message, shorter.
    # TRANSLATORS: A one-line bar at the top of the page. Keep {browser} as it is.
    "banner": N_(
        "You are using {browser}, which this site no longer supports. Some things may not work."
    ),
    # TRANSLATORS: Followed by a list of browser names: comma-separated in the bar, one
    # per line in the dialog and on the 406 page (where the visitor's own browser
    # cannot be updated).
    "banner_browsers": N_("Get a current browser:"),
    # TRANSLATORS: A link that hides the bar.
    "banner_close": N_("Dismiss"),
    # TRANSLATORS: Accessible name of the bar, read by screen readers.
    "banner_label": N_("Browser notice"),
    # The 406 page.
    # TRANSLATORS: Title of the page shown instead of the site (HTTP 406).
    "block_title": N_("Your browser is not supported"),
    "block_paragraph1": N_("You are using {browser}, which this site does not support."),
    "block_paragraph2": N_(
        "Please update your browser, or install one of these, then reload this page."
    ),
    "continue_message": N_(
        "You can also continue with this browser, but the site may not work as it should."
    ),
    # TRANSLATORS: A link that lets the visitor into the site with the old browser.
    "continue_link": N_("Continue anyway"),
    # Advice when installing a browser will not help (the modal, the banner, the 406 page).
    # TRANSLATORS: Shown instead of the list of browsers on iPhones and iPads, where every
    # browser uses the system's engine. {os} is "iOS" or "iPadOS"; keep it as it is.
    # Use the names of the Settings app and its menus as they read in your language.
    "update_os": N_(
        "On {os}, every browser uses the system's own engine, so another browser will not "
        "help. Please update {os} in Settings, General, Software Update."
    ),
    # TRANSLATORS: Shown instead of the list of browsers when no current browser can be
    # installed on the visitor's computer or phone (e.g. Windows XP, an old Mac), and on
    # a Chromebook, a smart TV, a games console or a feature phone.
    "too_old": N_(
        "No current browser can be installed on this device or system, "
        "so it is too old for this site."
    ),
    # TRANSLATORS: A link to the site's own contact page, shown when no browser can help.
    "contact_link": N_("Contact us"),
    # TRANSLATORS: A link to a simpler version of the site that works in old browsers.
    "fallback_link": N_("Use the basic version of this site"),
    # Shared pieces.
    # TRANSLATORS: Accessible name of the list of browsers to download.
    "browsers_label": N_("Suggested browsers"),
    # TRANSLATORS: Replaces {browser} when the browser cannot be told; it must fit in
    # "You are using {browser}." in your language.
    "unknown_browser": N_("a browser we do not recognise"),
}

#: The key names a site may use; order is the order the docs list them.
TEXT_KEYS: tuple[str, ...] = tuple(DEFAULT_TEXTS)

#: jReject's option names (jQuery plugin, camelCase) → ours, so old configs keep working.
JREJECT_NAMES: dict[str, str] = {
    "header": "header",
    "paragraph1": "paragraph1",
    "paragraph2": "paragraph2",
    "closeMessage": "close_message",
    "closeLink": "close_link",
}

_FORMATTER = string.Formatter()


def validate_texts(texts: Mapping[str, object], *, where: str = "texts") -> dict[str, str]:
    """Check a site's texts and return them under our key names.

    jReject's camelCase names are accepted. Raises :class:`ValueError` naming the key
    for an unknown key, a value that is not a string, or an unknown placeholder, so a
    typo is reported when the notice is configured, not when a visitor arrives.
    """
    if not isinstance(texts, Mapping):
        raise TypeError(f"{where} must be a table of text key → string, not {type(texts).__name__}")
    result: dict[str, str] = {}
    for raw_key, value in texts.items():
        key = JREJECT_NAMES.get(raw_key, raw_key)
        if key not in DEFAULT_TEXTS:
            raise ValueError(
                f"{where}.{raw_key} is not a notice text; expected one of: {', '.join(TEXT_KEYS)}"
            )
        if not isinstance(value, str):
            raise ValueError(f"{where}.{raw_key} must be a string, not {type(value).__name__}")
        if "\x00" in value:
            raise ValueError(f"{where}.{raw_key} must not contain a NUL character")
        _check_placeholders(value, f"{where}.{raw_key}")
        result[key] = value
    return result


def fill(template: str, values: Mapping[str, str]) -> str:
    """Put the per-request ``values`` into a validated text (no attribute or index access)."""
    parts: list[str] = []
    for literal, field, _spec, _conv in _FORMATTER.parse(template):
        parts.append(literal)
        if field is not None:
            parts.append(values[field])
    return "".join(parts)


def split_texts(config: Mapping[str, Any], own_language: str) -> dict[str, dict[str, str]]:
    """A site's ``[notice.texts]`` table, validated, as ``{language tag: {key: text}}``.

    Top-level keys of ``config`` are the site's texts in its own ``language``; a nested
    table keyed by a language tag (``[notice.texts.fr]``, ``[notice.texts.pt-BR]``)
    holds texts for that language. Tags are returned in BCP 47 case (``pt-BR``).
    """
    if not isinstance(config, Mapping):
        raise TypeError(f"notice.texts must be a table, not {type(config).__name__}")
    own: dict[str, object] = {}
    per_language: dict[str, dict[str, str]] = {}
    for key, value in config.items():
        if isinstance(value, Mapping):
            language = canonical_tag(key)
            if language is None or key in DEFAULT_TEXTS:
                raise ValueError(
                    f"notice.texts.{key} is a table; only language tags (such as 'fr' "
                    "or 'pt-BR') may hold a table of texts"
                )
            texts = validate_texts(value, where=f"notice.texts.{key}")
            per_language.setdefault(language, {}).update(texts)
        else:
            own[key] = value
    if own:
        per_language.setdefault(own_language, {}).update(validate_texts(own, where="notice.texts"))
    return per_language


def from_catalog(messages: Mapping[str, str], where: str) -> dict[str, str]:
    """The notice texts a gettext catalog translates, by key (untranslated keys left out).

    A translation goes through :func:`validate_texts`, so a catalog with a broken
    placeholder fails at startup, naming the catalog and the key.
    """
    found = {key: messages[msgid] for key, msgid in DEFAULT_TEXTS.items() if msgid in messages}
    texts = validate_texts(found, where=where)
    for key, text in texts.items():
        _check_translation(DEFAULT_TEXTS[key], text, f"{where}.{key}")
    return texts


def _check_placeholders(text: str, where: str) -> None:
    try:
        fields = [field for _, field, _, _ in _FORMATTER.parse(text) if field is not None]
    except ValueError as exc:
        raise ValueError(
            f"{where} has a stray brace ({exc}); write {{{{ and }}}} for literal braces"
        ) from None
    for field in fields:
        if field not in PLACEHOLDERS:
            raise ValueError(
                f"{where} uses placeholder {{{field}}}; expected one of: "
                + ", ".join("{" + p + "}" for p in sorted(PLACEHOLDERS))
            )


# printf-style placeholders, as other gettext catalogs use them: left in a translation
# of ours they would reach the visitor as they are ("Sie verwenden %s").
_PRINTF = re.compile(r"%(?:\([A-Za-z_]\w*\))?[sd]")


def _check_translation(english: str, text: str, where: str) -> None:
    """A catalog's translation names whatever its English text names; a gettext
    tool's leftover ``%s`` is not one of our placeholders."""
    printf = _PRINTF.search(text)
    if printf is not None:
        raise ValueError(
            f"{where} has a printf-style placeholder {printf.group()!r}; this catalog "
            "takes {browser}, {name}, {version} or {os}, as in its English text"
        )
    wanted = {field for _, field, _, _ in _FORMATTER.parse(english) if field is not None}
    given = {field for _, field, _, _ in _FORMATTER.parse(text) if field is not None}
    for field in sorted(wanted - given):
        raise ValueError(f"{where} leaves out {{{field}}}, which its English text has: {english!r}")


def __getattr__(name: str) -> Any:
    # TRANSLATIONS used to be a dict in this module; it now comes from the catalogs,
    # read on first use so that importing jreject.notice stays cheap.
    if name == "TRANSLATIONS":
        from jreject.notice.catalogs import LOCALE_DIR, read_catalogs

        return {
            tag: from_catalog(messages, where=f"catalog {tag}")
            for tag, messages in read_catalogs([LOCALE_DIR]).items()
        }
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
