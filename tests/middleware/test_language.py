"""The middleware and the notice's language: Accept-Language, the `language` option, Vary."""

from __future__ import annotations

import pytest

from jreject.notice import Notice

from .conftest import Harness, Page

JAPANESE = "お使いのブラウザーは古くなっています".encode()
GERMAN = b"Ihr Browser ist veraltet"
ENGLISH = b"Your browser is out of date"


@pytest.fixture(scope="module")
def notice():
    return Notice()


@pytest.fixture(params=["wsgi", "asgi"])
def kind(request):
    return request.param


def vary(result):
    return [v.strip() for v in (result.header("Vary") or "").split(",")]


def test_the_notice_speaks_the_visitors_accept_language(kind, notice):
    result = Harness(kind, Page(), notice=notice).get(
        ua="modal", headers={"Accept-Language": "ja-JP,ja;q=0.9,en;q=0.5"}
    )
    assert JAPANESE in result.body
    assert b'lang="ja"' in result.body
    assert "Accept-Language" in vary(result)


def test_the_406_page_is_negotiated_and_varies_on_accept_language(kind, notice):
    result = Harness(kind, Page(), notice=notice).get(
        ua="block", headers={"Accept-Language": "de-CH"}
    )
    assert result.status == 406
    assert "Ihr Browser wird nicht unterstützt".encode() in result.body
    assert "Accept-Language" in vary(result)


def test_without_the_header_the_notice_is_in_its_own_language_and_still_varies(kind, notice):
    result = Harness(kind, Page(), notice=notice).get(ua="modal")
    assert ENGLISH in result.body
    assert "Accept-Language" in vary(result)


def test_pages_without_a_notice_do_not_vary_on_accept_language(kind, notice):
    result = Harness(kind, Page(), notice=notice).get(
        ua="modern", headers={"Accept-Language": "de"}
    )
    assert "Accept-Language" not in vary(result)
    assert result.header("Vary")


def test_a_single_language_notice_does_not_vary(kind):
    result = Harness(kind, Page(), notice=Notice(languages=["en"])).get(
        ua="modal", headers={"Accept-Language": "de"}
    )
    assert ENGLISH in result.body
    assert "Accept-Language" not in vary(result)


def test_the_language_option_as_a_function_wins_and_does_not_vary(kind, notice):
    result = Harness(kind, Page(), notice=notice, language=lambda native: "de-AT").get(
        ua="modal", headers={"Accept-Language": "ja"}
    )
    assert GERMAN in result.body
    assert "Accept-Language" not in vary(result)


def test_the_language_option_as_a_state_key(kind, notice):
    harness = Harness(kind, Page(), notice=notice, language="app.language")
    state = {"app.language": "de"}
    result = harness.get(ua="modal", headers={"Accept-Language": "ja"}, state=state)
    assert GERMAN in result.body


def test_a_language_the_notice_lacks_falls_back_to_accept_language(kind, notice):
    result = Harness(kind, Page(), notice=notice, language=lambda native: "tlh").get(
        ua="modal", headers={"Accept-Language": "ja"}
    )
    assert JAPANESE in result.body
    assert "Accept-Language" in vary(result)


def test_a_huge_accept_language_is_ignored(kind, notice):
    result = Harness(kind, Page(), notice=notice).get(
        ua="modal", headers={"Accept-Language": "ja," + "x" * 5000}
    )
    assert result.status == 200
    assert ENGLISH in result.body


def test_a_304_for_a_page_with_a_notice_repeats_accept_language_in_vary(kind, notice):
    page = Page(status=304, headers=[], chunks=[], content_length=False)
    result = Harness(kind, page, notice=notice).get(
        ua="modal", headers={"Accept": "text/html", "Accept-Language": "de"}
    )
    assert result.status == 304
    assert "Accept-Language" in vary(result)
