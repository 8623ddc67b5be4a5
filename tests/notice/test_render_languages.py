"""Notice in many languages: choice, direction, site overrides, and that no text becomes markup."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from jreject.detect.client import Client
from jreject.notice import Notice
from jreject.notice.texts import DEFAULT_TEXTS as TEXTS_EN
from jreject.notice.texts import TRANSLATIONS

from .conftest import FIREFOX_WIN10, IE11_WIN7


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag, attrs):
        # Attribute names only: values (lang, dir, aria-label text) differ per language.
        self.tags.append((tag, tuple(sorted(name for name, _ in attrs))))


def _structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


HOSTILE = Client(
    browser="evil",
    browser_name='<script>alert(1)</script>"',
    version=(1,),
    os="windows",
    os_name="<img src=x onerror=alert(1)>",
)


@pytest.mark.parametrize("tag", sorted(TRANSLATIONS))
def test_no_translation_changes_the_markup(notice, make_request, tag):
    for action in ("modal", "banner", "block"):
        english = make_request(IE11_WIN7, action, continue_url="/_jreject/continue")
        other = make_request(IE11_WIN7, action, continue_url="/_jreject/continue", language=tag)
        render = notice.block_page if action == "block" else notice.fragment
        assert _structure(render(other).decode()) == _structure(render(english).decode()), action


@pytest.mark.parametrize("tag", ["ar", "he", "ja", "ru"])
def test_a_hostile_browser_name_is_escaped_in_every_language(notice, make_request, tag):
    html = notice.fragment(make_request(HOSTILE, "modal", language=tag)).decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in html


@pytest.mark.parametrize(
    ("tag", "direction"),
    [("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("ja", "ltr"), ("de", "ltr")],
)
def test_every_shape_carries_lang_and_dir(notice, make_request, tag, direction):
    modal = notice.fragment(make_request(language=tag)).decode()
    banner = notice.fragment(make_request(action="banner", language=tag)).decode()
    block = notice.block_page(make_request(action="block", language=tag)).decode()
    for html in (modal, banner):
        assert f'lang="{tag}" dir="{direction}"' in html
    assert f'<html lang="{tag}" dir="{direction}"' in block


def test_active_language_wins_over_accept_language(notice, make_request):
    request = make_request(language="de-AT", accept_language="fr")
    assert notice.language_for(request) == ("de", False)
    assert not notice.varies_by_language(request)


def test_accept_language_is_negotiated_when_no_language_is_active(notice, make_request):
    request = make_request(accept_language="pt-BR,pt;q=0.9,en;q=0.5")
    assert notice.language_for(request) == ("pt-BR", True)
    assert 'lang="pt-BR"' in notice.fragment(request).decode()


def test_an_active_language_the_notice_lacks_falls_back_to_negotiation(notice, make_request):
    request = make_request(language="tlh", accept_language="ja")
    assert notice.language_for(request) == ("ja", True)


def test_no_header_means_the_default_language_and_still_varies(notice, make_request):
    assert notice.language_for(make_request()) == ("en", True)


def test_a_single_language_notice_never_negotiates(make_request):
    notice = Notice(languages=["en"])
    assert notice.languages == {"en"}
    assert notice.language_for(make_request(accept_language="de")) == ("en", False)


def test_languages_restricts_and_language_sets_the_default(make_request):
    notice = Notice(language="de", languages=["de", "fr", "pt-br"])
    assert notice.languages == {"de", "fr", "pt-BR"}
    assert notice.language_for(make_request(accept_language="ja")) == ("de", True)
    assert notice.language_for(make_request(accept_language="pt")) == ("pt-BR", True)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"languages": ["en", "xx"]}, r"notice\.languages\[1\] is 'xx'; expected one of: ar, "),
        ({"languages": ["de"]}, r"must include the notice's own language 'en'"),
        ({"languages": "en"}, r"notice\.languages must be a list"),
        ({"language": "eo"}, r"no catalog and no text for it"),
        ({"locale_dirs": ["/nonexistent/jreject"]}, r"notice\.locale_dirs\[0\] must be a folder"),
        ({"locale_dirs": "locale"}, r"notice\.locale_dirs must be a list"),
    ],
)
def test_bad_language_settings_fail_at_startup_naming_the_key(options, message):
    with pytest.raises((TypeError, ValueError), match=message):
        Notice(**options)


def test_site_texts_for_an_rtl_language_get_dir_rtl(make_request):
    notice = Notice(texts={"ar": {"header": "متصفحك قديم جدًا لهذا المتجر"}})
    html = notice.fragment(make_request(language="ar")).decode()
    assert 'lang="ar" dir="rtl"' in html
    assert "متصفحك قديم جدًا لهذا المتجر" in html
    # The rest of the Arabic catalog stays.
    assert TRANSLATIONS["ar"]["close_link"] in html


def test_site_texts_add_a_language_and_regional_texts_inherit(make_request):
    notice = Notice(texts={"eo": {"header": "Via retumilo estas malnova"},
                           "de-CH": {"close_link": "Meldung schliessen"}})  # fmt: skip
    assert {"eo", "de-CH"} <= notice.languages
    swiss = notice.fragment(make_request(accept_language="de-CH")).decode()
    assert "Meldung schliessen" in swiss
    assert TRANSLATIONS["de"]["header"] in swiss
    assert 'lang="de-CH" dir="ltr"' in swiss


def _write_catalog(folder, tag, messages):
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    catalog = Catalog(locale=tag.replace("-", "_"))
    for msgid, msgstr in messages.items():
        catalog.add(msgid, msgstr)
    target = folder / tag.replace("-", "_") / "LC_MESSAGES"
    target.mkdir(parents=True)
    with (target / "jreject.po").open("wb") as handle:
        write_po(handle, catalog)


def test_a_catalog_directory_adds_a_language_and_fixes_ours(tmp_path, make_request):
    _write_catalog(tmp_path, "eo", {"Your browser is out of date": "Via retumilo estas malnova"})
    _write_catalog(tmp_path, "de", {"Close this message": "Hinweis schließen"})
    notice = Notice(locale_dirs=[tmp_path])
    esperanto = notice.fragment(make_request(accept_language="eo")).decode()
    assert "Via retumilo estas malnova" in esperanto
    assert "Close this message" in esperanto  # untranslated: English
    german = notice.fragment(make_request(accept_language="de")).decode()
    assert "Hinweis schließen" in german
    assert TRANSLATIONS["de"]["header"] in german


def test_a_catalog_with_a_broken_placeholder_fails_at_startup(tmp_path):
    _write_catalog(
        tmp_path,
        "eo",
        {"You are using {browser}, which this site does not support.": "Vi uzas {retumilo}."},
    )
    with pytest.raises(ValueError, match=r"catalog eo\.block_paragraph1 uses placeholder"):
        Notice(locale_dirs=[tmp_path])


@pytest.mark.parametrize(
    ("translation", "problem"),
    [
        ("Sie verwenden einen alten Browser.", r"leaves out \{browser\}"),
        (
            "Sie verwenden %s, den diese Website nicht unterstützt.",
            r"has a printf-style placeholder '%s'",
        ),
        ("Sie verwenden {browser} (%s).", r"has a printf-style placeholder '%s'"),
    ],
    ids=["missing", "printf-instead", "printf-extra"],
)
def test_a_site_catalog_whose_placeholders_differ_from_the_english_fails_at_startup(
    tmp_path, translation, problem
):
    # Else a visitor reads "Sie verwenden %s" or a sentence that never names the browser.
    _write_catalog(
        tmp_path, "de", {"You are using {browser}, which this site does not support.": translation}
    )
    with pytest.raises(ValueError, match=r"catalog de\.block_paragraph1 " + problem):
        Notice(locale_dirs=[tmp_path])


def test_a_translation_may_name_the_os_once_where_english_names_it_twice(tmp_path, make_request):
    english = next(m for k, m in TEXTS_EN.items() if k == "update_os")
    _write_catalog(tmp_path, "de", {english: "Bitte aktualisieren Sie {os}."})
    notice = Notice(locale_dirs=[tmp_path])
    assert "Bitte aktualisieren Sie iOS." in notice.fragment(make_request(language="de")).decode()


def test_a_malformed_site_po_file_fails_at_startup_naming_the_file(tmp_path):
    # Babel reads a broken .po leniently: here the header came out as "…malnov", cut short.
    target = tmp_path / "eo" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "jreject.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Your browser is out of date"\nmsgstr "Via retumilo estas malnova\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"eo/LC_MESSAGES/jreject\.po line 6: "):
        Notice(locale_dirs=[tmp_path])


def test_a_po_file_with_a_message_left_without_translation_line_fails_at_startup(tmp_path):
    target = tmp_path / "eo" / "LC_MESSAGES"
    target.mkdir(parents=True)
    (target / "jreject.po").write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "Dismiss"\n\nmsgid "Close this message"\nmsgstr "Fermi"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"eo/LC_MESSAGES/jreject\.po is not a valid gettext"):
        Notice(locale_dirs=[tmp_path])


@pytest.mark.parametrize("header", ["zh-TW", "zh-Hant-TW", "zh-tw,zh;q=0.8"])
def test_a_site_catalog_named_zh_tw_serves_taiwan_over_our_traditional_chinese(
    tmp_path, make_request, header
):
    # zh_TW is the usual gettext folder name for Taiwan's Traditional Chinese.
    _write_catalog(tmp_path, "zh-TW", {"Your browser is out of date": "您的瀏覽器版本過舊（本店）"})
    notice = Notice(locale_dirs=[tmp_path])
    html = notice.fragment(make_request(accept_language=header)).decode()
    assert "您的瀏覽器版本過舊（本店）" in html
    # The messages it leaves out are our Traditional Chinese ones, not English.
    assert TRANSLATIONS["zh-Hant"]["close_link"] in html
    assert "Close this message" not in html


def test_site_texts_for_zh_tw_serve_taiwan_over_our_traditional_chinese(make_request):
    notice = Notice(texts={"zh-TW": {"header": "本店不支援您的瀏覽器"}})
    html = notice.fragment(make_request(accept_language="zh-TW")).decode()
    assert "本店不支援您的瀏覽器" in html
    assert TRANSLATIONS["zh-Hant"]["close_link"] in html
    hk = notice.fragment(make_request(accept_language="zh-HK")).decode()
    assert TRANSLATIONS["zh-Hant"]["header"] in hk


@pytest.mark.parametrize(
    ("tag", "between"),
    [("en", ", "), ("de", ", "), ("ja", "、"), ("zh-Hant", "、"), ("ar", " أو "), ("ur", "، ")],
)
def test_the_banners_list_of_browsers_is_separated_as_the_language_writes_lists(
    make_request, tag, between
):
    # CLDR's list patterns: a Latin comma between links reads wrong in Arabic or Japanese.
    notice = Notice(browsers=["firefox", "chrome", "edge"])
    html = notice.fragment(make_request(FIREFOX_WIN10, "banner", language=tag)).decode()
    text = html[html.index('<p class="jreject-banner-text">') :]
    text = text[: text.index("</p>")]
    assert f"Firefox</a>{between}<a " in text
    assert f"Chrome</a>{between}<a " in text
    assert text.endswith("Edge</a>")
    # The invisible copy that makes the banner's room without scripts says the same.
    assert f"<strong>Firefox</strong>{between}<strong>Chrome</strong>" in html
