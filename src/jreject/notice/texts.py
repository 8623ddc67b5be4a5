"""Every word a visitor reads, in one place: English defaults, translations, jReject names.

Texts are plain text, never HTML: they are escaped when rendered. A text may name the
visitor's browser through placeholders, filled per request from the detected client:

``{browser}``  the label, e.g. ``Safari 12.1`` (``unknown_browser`` when nothing was detected)
``{name}``     the browser name alone, e.g. ``Safari``
``{version}``  its version alone, e.g. ``12.1`` (empty when unknown)
``{os}``       the operating system, e.g. ``iOS``

The catalogue is a plain ``dict`` per language so that gettext/Babel catalogues can
replace or extend :data:`TRANSLATIONS` later without changing the renderer.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGE",
    "DEFAULT_TEXTS",
    "JREJECT_NAMES",
    "PLACEHOLDERS",
    "TEXT_KEYS",
    "TRANSLATIONS",
    "fill",
    "merge_texts",
    "normalize_language",
    "validate_texts",
]

DEFAULT_LANGUAGE = "en"

#: Placeholders a text may contain; anything else in braces is a configuration error.
PLACEHOLDERS: frozenset[str] = frozenset({"browser", "name", "version", "os"})

DEFAULT_TEXTS: dict[str, str] = {
    # The modal (jReject's dialog).
    "header": "Your browser is out of date",
    "paragraph1": (
        "You are using {browser}. This site no longer supports it, "
        "so some pages may look broken or not work at all."
    ),
    "paragraph2": (
        "Please update it, or install one of the browsers below. "
        "It only takes a few minutes, and current browsers are safer and faster."
    ),
    "close_message": "You can keep using this browser, but parts of this site may not work.",
    "close_link": "Close this message",
    # The banner: the same message, shorter.
    "banner": (
        "You are using {browser}, which this site no longer supports. Some things may not work."
    ),
    "banner_browsers": "Get a current browser:",
    "banner_close": "Dismiss",
    "banner_label": "Browser notice",
    # The 406 page.
    "block_title": "Your browser is not supported",
    "block_paragraph1": "You are using {browser}, which this site does not support.",
    "block_paragraph2": (
        "Please update your browser, or install one of these, then reload this page."
    ),
    "continue_message": (
        "You can also continue with this browser, but the site may not work as it should."
    ),
    "continue_link": "Continue anyway",
    # Shared pieces.
    "browsers_label": "Suggested browsers",
    "unknown_browser": "a browser we do not recognise",
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

#: Built-in translations, by primary language subtag. Missing keys fall back to English.
TRANSLATIONS: dict[str, dict[str, str]] = {
    "en": DEFAULT_TEXTS,
    "de": {
        "header": "Ihr Browser ist veraltet",
        "paragraph1": (
            "Sie verwenden {browser}. Diese Website unterstützt ihn nicht mehr, "
            "daher sehen manche Seiten fehlerhaft aus oder funktionieren gar nicht."
        ),
        "paragraph2": (
            "Bitte aktualisieren Sie ihn oder installieren Sie einen der Browser unten. "
            "Das dauert nur wenige Minuten, und aktuelle Browser sind sicherer und schneller."
        ),
        "close_message": (
            "Sie können diesen Browser weiter verwenden, aber Teile dieser Website "
            "funktionieren dann womöglich nicht."
        ),
        "close_link": "Diese Meldung schließen",
        "banner": (
            "Sie verwenden {browser}, den diese Website nicht mehr unterstützt. "
            "Manches funktioniert womöglich nicht."
        ),
        "banner_browsers": "Aktuellen Browser holen:",
        "banner_close": "Ausblenden",
        "banner_label": "Browser-Hinweis",
        "block_title": "Ihr Browser wird nicht unterstützt",
        "block_paragraph1": "Sie verwenden {browser}, den diese Website nicht unterstützt.",
        "block_paragraph2": (
            "Bitte aktualisieren Sie Ihren Browser oder installieren Sie einen dieser "
            "Browser und laden Sie die Seite dann neu."
        ),
        "continue_message": (
            "Sie können auch mit diesem Browser fortfahren, aber die Website "
            "funktioniert dann womöglich nicht richtig."
        ),
        "continue_link": "Trotzdem fortfahren",
        "browsers_label": "Empfohlene Browser",
        "unknown_browser": "einen Browser, den wir nicht erkennen",
    },
    "fr": {
        "header": "Votre navigateur n’est plus à jour",
        "paragraph1": (
            "Vous utilisez {browser}. Ce site ne le prend plus en charge : certaines pages "
            "peuvent s’afficher mal ou ne pas fonctionner du tout."
        ),
        "paragraph2": (
            "Mettez-le à jour, ou installez l’un des navigateurs ci-dessous. Cela ne prend "
            "que quelques minutes, et un navigateur récent est plus sûr et plus rapide."
        ),
        "close_message": (
            "Vous pouvez continuer avec ce navigateur, mais certaines parties du site "
            "risquent de ne pas fonctionner."
        ),
        "close_link": "Fermer ce message",
        "banner": (
            "Vous utilisez {browser}, que ce site ne prend plus en charge. "
            "Certaines fonctions risquent de ne pas marcher."
        ),
        "banner_browsers": "Installer un navigateur récent :",
        "banner_close": "Masquer",
        "banner_label": "Avis sur le navigateur",
        "block_title": "Votre navigateur n’est pas pris en charge",
        "block_paragraph1": "Vous utilisez {browser}, que ce site ne prend pas en charge.",
        "block_paragraph2": (
            "Mettez à jour votre navigateur ou installez l’un de ceux-ci, "
            "puis rechargez cette page."
        ),
        "continue_message": (
            "Vous pouvez aussi continuer avec ce navigateur, mais le site risque "
            "de ne pas fonctionner correctement."
        ),
        "continue_link": "Continuer quand même",
        "browsers_label": "Navigateurs conseillés",
        "unknown_browser": "un navigateur que nous ne reconnaissons pas",
    },
}

_LANGUAGE = re.compile(r"[A-Za-z]{2,8}")
_FORMATTER = string.Formatter()


def normalize_language(language: str | None) -> str | None:
    """``"fr-CA"`` / ``"de_AT"`` / ``"EN"`` → ``"fr"`` / ``"de"`` / ``"en"``; junk → ``None``."""
    if not language:
        return None
    primary = re.split(r"[-_]", language.strip(), maxsplit=1)[0]
    if not _LANGUAGE.fullmatch(primary):
        return None
    return primary.lower()


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


def merge_texts(config: Mapping[str, Any], own_language: str) -> dict[str, dict[str, str]]:
    """Per language: English defaults ← built-in translation ← the site's texts.

    Top-level keys of ``config`` are the site's texts in its own ``language``; a nested
    table keyed by a language code (``[notice.texts.fr]``) holds texts for that language.
    """
    if not isinstance(config, Mapping):
        raise TypeError(f"notice.texts must be a table, not {type(config).__name__}")
    own: dict[str, object] = {}
    per_language: dict[str, dict[str, str]] = {}
    for key, value in config.items():
        if isinstance(value, Mapping):
            language = normalize_language(key)
            if language is None or key in DEFAULT_TEXTS:
                raise ValueError(
                    f"notice.texts.{key} is a table; only language codes (such as 'fr') "
                    "may hold a table of texts"
                )
            per_language[language] = validate_texts(value, where=f"notice.texts.{key}")
        else:
            own[key] = value
    per_language.setdefault(own_language, {}).update(validate_texts(own, where="notice.texts"))
    merged: dict[str, dict[str, str]] = {}
    for language in {*TRANSLATIONS, *per_language}:
        merged[language] = {
            **DEFAULT_TEXTS,
            **TRANSLATIONS.get(language, {}),
            **per_language.get(language, {}),
        }
    return merged


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


for _language, _texts in TRANSLATIONS.items():
    validate_texts(_texts, where=f"TRANSLATIONS[{_language!r}]")
