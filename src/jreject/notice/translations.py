"""Every language's notice texts, assembled once when a notice is configured.

Per language, later layers win: the English texts ← our catalog (and a site's catalogs
from ``locale_dirs``) ← the site's own ``[notice.texts]``. ``languages`` restricts the
result; errors name the setting (``notice.languages[2]``), so they stop the app at
startup rather than reaching a visitor.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any

from jreject.notice.catalogs import LOCALE_DIR, read_catalogs
from jreject.notice.language import canonical_tag, match, with_script
from jreject.notice.texts import DEFAULT_LANGUAGE, DEFAULT_TEXTS, from_catalog, split_texts

__all__ = ["texts_by_language"]


def texts_by_language(
    texts: Mapping[str, Any],
    language: str,
    languages: Sequence[str] | None,
    locale_dirs: Sequence[str | os.PathLike[str]],
) -> dict[str, dict[str, str]]:
    """Every language's complete texts, ``{tag: {key: text}}``, the notice's own language first.

    Per language, later layers win: English ← the catalog of each shorter tag
    (``de`` for ``de-AT``) ← its own catalog, each overlaid with the site's texts for
    that tag. The site's ``locale_dirs`` come before ours, so a site can fix one of
    our translations by shipping its own catalog for that language.
    """
    if isinstance(locale_dirs, str | os.PathLike) or not isinstance(locale_dirs, Sequence):
        raise TypeError(
            f"notice.locale_dirs must be a list of folders, not {type(locale_dirs).__name__}"
        )
    folders = []
    for index, folder in enumerate(locale_dirs):
        if not isinstance(folder, str | os.PathLike) or not os.path.isdir(folder):
            raise ValueError(
                f"notice.locale_dirs[{index}] must be a folder of gettext catalogs "
                f"(<folder>/<locale>/LC_MESSAGES/jreject.po), not {folder!r}"
            )
        folders.append(folder)
    catalogs = {
        tag: from_catalog(messages, where=f"catalog {tag}")
        for tag, messages in read_catalogs([*folders, LOCALE_DIR]).items()
    }
    known = frozenset({DEFAULT_LANGUAGE, *catalogs})
    wanted = canonical_tag(language) if isinstance(language, str) else None
    if wanted is None:
        raise ValueError(f"notice.language must be a language tag such as 'en', not {language!r}")
    own = match(wanted, known) or with_script(wanted)
    # [notice.texts.zh-TW] is Traditional Chinese for Taiwan, layered on our zh-Hant.
    site: dict[str, dict[str, str]] = {}
    for tag, own_texts in split_texts(texts, own).items():
        site.setdefault(with_script(tag), {}).update(own_texts)
    pool = known | frozenset(site)
    if own not in pool:
        raise ValueError(
            f"notice.language is {language!r}, but there is no catalog and no text for it; "
            "give its texts in [notice.texts], or a catalog in notice.locale_dirs"
        )
    chosen = [own, *sorted(pool - {own})]
    if languages is not None:
        chosen = _restrict(languages, pool, own)
    merged: dict[str, dict[str, str]] = {}
    for tag in chosen:
        result = dict(DEFAULT_TEXTS)
        parts = tag.split("-")
        for length in range(1, len(parts) + 1):
            prefix = "-".join(parts[:length])
            result.update(catalogs.get(prefix, {}))
            result.update(site.get(prefix, {}))
        merged[tag] = result
    return merged


def _restrict(languages: object, pool: frozenset[str], own: str) -> list[str]:
    if isinstance(languages, str) or not isinstance(languages, Sequence):
        raise TypeError(
            f"notice.languages must be a list of language tags such as ['en', 'de'], "
            f"not {type(languages).__name__}"
        )
    chosen: list[str] = []
    for index, raw in enumerate(languages):
        tag = canonical_tag(raw) if isinstance(raw, str) else None
        if tag is not None:
            tag = with_script(tag)
        if tag is None or tag not in pool:
            raise ValueError(
                f"notice.languages[{index}] is {raw!r}; expected one of: {', '.join(sorted(pool))}"
            )
        if tag not in chosen:
            chosen.append(tag)
    if own not in chosen:
        raise ValueError(
            f"notice.languages must include the notice's own language {own!r} "
            "(notice.language), which visitors fall back to"
        )
    chosen.remove(own)
    return [own, *chosen]
