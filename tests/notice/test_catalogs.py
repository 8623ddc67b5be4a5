"""The catalogs in src/jreject/locale: current, complete, valid, the same from .po or .mo."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from jreject.notice.catalogs import LOCALE_DIR, find_catalogs, read_catalog, text_direction
from jreject.notice.texts import DEFAULT_TEXTS, TRANSLATIONS
from repo_scripts import load_script

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "translations.py"

#: browser-update.org's languages (its `gl` text is Irish: we ship both Galician and Irish),
#: with its `no` as `nb` and `zh`/`zh-tw` as the two Chinese scripts.
BROWSER_UPDATE = {
    "ar", "bg", "ca", "cs", "da", "de", "el", "es", "et", "fa", "fi", "fr", "gl", "he", "hi",
    "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nb", "nl", "pl", "pt", "pt-BR", "ro", "ru",
    "sk", "sl", "sq", "sr", "sv", "th", "tr", "uk", "vi", "zh-Hans", "zh-Hant",
}  # fmt: skip
RTL = {"ar", "he", "fa", "ur"}


def test_at_least_45_languages_including_browser_update_rtl_and_cjk():
    languages = {"en", *TRANSLATIONS}
    assert len(languages) >= 45
    assert BROWSER_UPDATE | RTL | {"ja", "ko", "zh-Hans", "zh-Hant", "ga"} <= languages


def test_every_catalog_is_complete():
    for tag, texts in TRANSLATIONS.items():
        assert set(texts) == set(DEFAULT_TEXTS), tag


def test_simplified_and_traditional_chinese_are_distinct_catalogs():
    hans, hant = TRANSLATIONS["zh-Hans"], TRANSLATIONS["zh-Hant"]
    assert hans["header"] != hant["header"]
    assert "浏览器" in hans["header"]
    assert "瀏覽器" in hant["header"]


def test_galician_is_galician_not_irish():
    assert TRANSLATIONS["gl"]["close_link"] == "Pechar esta mensaxe"
    assert TRANSLATIONS["ga"]["header"] == "Tá do bhrabhsálaí as dáta"


@pytest.mark.parametrize("tag", sorted(RTL))
def test_right_to_left_languages_are_known_to_babel_as_such(tag):
    assert text_direction(tag) == "rtl"


def test_pot_is_current_and_every_catalog_passes_the_check():
    # The CI command: extract gives no diff, every catalog complete and valid.
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "check"], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def _broken_copy(tmp_path: Path, tag: str, edit) -> Path:
    locale = tmp_path / "src" / "jreject" / "locale"
    shutil.copy(LOCALE_DIR / "jreject.pot", tmp_path / "jreject.pot")
    folder = locale / tag / "LC_MESSAGES"
    folder.mkdir(parents=True)
    text = (LOCALE_DIR / tag / "LC_MESSAGES" / "jreject.po").read_text("utf-8")
    (folder / "jreject.po").write_text(edit(text), "utf-8")
    return locale


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda t: t.replace("Sie verwenden {browser}.", "Sie verwenden {browsr}."), "placeholder"),
        (lambda t: t.replace('msgstr "Trotzdem fortfahren"', 'msgstr ""'), "not translated"),
        (lambda t: t.replace('msgstr "Ausblenden"', 'msgstr "<b>Ausblenden</b>"'), "markup"),
        (
            lambda t: t.replace('msgid "Dismiss"', '#, fuzzy\nmsgid "Dismiss"', 1),
            "fuzzy",
        ),
    ],
)
def test_the_check_catches_broken_catalogs(tmp_path, edit, problem):
    locale = _broken_copy(tmp_path, "de", edit)
    problems = load_script("translations").check_catalogs(locale, tmp_path / "jreject.pot")
    assert any(problem in p for p in problems), problems


def test_mo_and_po_give_the_same_messages(tmp_path):
    po = LOCALE_DIR / "ja" / "LC_MESSAGES" / "jreject.po"
    folder = tmp_path / "ja" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with po.open("rb") as source, (folder / "jreject.mo").open("wb") as target:
        write_mo(target, read_po(source))
    assert find_catalogs(tmp_path) == {"ja": folder / "jreject.mo"}
    assert read_catalog(folder / "jreject.mo") == read_catalog(po)


def test_a_po_edited_after_the_compile_wins_over_the_stale_mo(tmp_path):
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = LOCALE_DIR / "de" / "LC_MESSAGES" / "jreject.po"
    with po.open("rb") as source, (folder / "jreject.mo").open("wb") as target:
        write_mo(target, read_po(source))
    shutil.copy(po, folder / "jreject.po")
    mo_time = (folder / "jreject.mo").stat().st_mtime
    import os

    os.utime(folder / "jreject.po", (mo_time + 60, mo_time + 60))
    assert find_catalogs(tmp_path)["de"].suffix == ".po"


def test_a_catalog_folder_must_be_named_by_a_language_tag(tmp_path):
    (tmp_path / "not a tag" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "not a tag" / "LC_MESSAGES" / "jreject.po").write_text("", "utf-8")
    with pytest.raises(ValueError, match="not named by a language tag"):
        find_catalogs(tmp_path)


def test_the_docs_table_lists_every_catalog_as_complete():
    text = (ROOT / "docs" / "translations.md").read_text("utf-8")
    total = len(DEFAULT_TEXTS)
    for tag in TRANSLATIONS:
        assert re.search(rf"^\| `{re.escape(tag)}` \| .* \| {total}/{total}", text, re.M), tag
    listed = set(re.findall(r"^\| `([\w-]+)` \|", text, re.M))
    assert listed == {"en", *TRANSLATIONS}
