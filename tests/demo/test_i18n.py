"""The demo shop in the visitor's language: its pages, and the notice with its own banner."""

from __future__ import annotations

from html import unescape

import pytest

from jreject.demo.i18n import choose, demo_languages, translated

from .test_app import client_for  # noqa: F401 - the fixture


def get(client, url, language):
    return client.get(url, headers={"User-Agent": "x", "Accept-Language": language})


def test_the_shop_speaks_german_arabic_and_japanese():
    assert {"en", "de", "ar", "ja"} <= set(demo_languages())


@pytest.mark.parametrize(
    ("header", "tag", "direction"),
    [("de-AT,de;q=0.9", "de", "ltr"), ("ar-EG", "ar", "rtl"), ("ja", "ja", "ltr"),
     ("fi, en;q=0.5", "en", "ltr"), ("", "en", "ltr")],
)  # fmt: skip
def test_pages_carry_the_negotiated_lang_and_dir(client_for, header, tag, direction):  # noqa: F811
    response = get(client_for(), "/?as=chrome", header)
    assert f'<html lang="{tag}" dir="{direction}">' in response.text
    assert "Accept-Language" in response.headers["vary"]


def test_a_german_visitor_reads_the_shop_and_the_notice_in_german(client_for):  # noqa: F811
    body = unescape(get(client_for(), "/?as=ie11", "de").text)
    assert "Papierwaren für ruhige Nachmittage" in body
    assert "Was jreject für diese Anfrage entschieden hat" in body
    assert "Ihr Browser ist veraltet" in body  # the notice, from the jreject catalog


def test_the_demos_own_banner_wording_is_translated_too(client_for):  # noqa: F811
    body = unescape(get(client_for(), "/?as=chrome-behind", "ja").text)
    assert "新しいバージョンが出ています" in body
    # A language the shop lacks keeps the notice catalog's banner.
    finnish = unescape(get(client_for(), "/?as=chrome-behind", "fi").text)
    assert "Käytössäsi on" in finnish


def test_how_it_works_fills_translated_tiers(client_for):  # noqa: F811
    body = unescape(get(client_for(), "/how-it-works?as=chrome", "de").text)
    assert "Internet Explorer 10 und älter." in body
    assert "mehr als 2 Hauptversionen" in body


def test_choose_falls_back_to_english():
    assert choose("tlh").tag == "en"
    assert choose(None).gettext("Shop") == "Shop"
    assert choose("de").gettext("Shop") == "Shop"
    assert choose("ar").format("{fields} from {source}", fields="a", source="b") == "a من b"


def test_translated_adds_one_table_per_shop_language():
    table = translated({"banner_browsers": "Get the latest:"})
    assert table["banner_browsers"] == "Get the latest:"
    assert table["de"] == {"banner_browsers": "Neueste Version holen:"}
