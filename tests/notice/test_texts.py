from __future__ import annotations

import pytest

from jreject.notice.texts import (
    DEFAULT_TEXTS,
    JREJECT_NAMES,
    PLACEHOLDERS,
    TRANSLATIONS,
    fill,
    validate_texts,
)


def test_jreject_option_names_map_to_our_keys():
    texts = validate_texts({"closeMessage": "Bye", "closeLink": "Close", "header": "Hi"})
    assert texts == {"close_message": "Bye", "close_link": "Close", "header": "Hi"}
    assert set(JREJECT_NAMES.values()) <= set(DEFAULT_TEXTS)


def test_unknown_text_key_is_reported_with_the_expected_keys():
    with pytest.raises(ValueError, match=r"notice\.texts\.headline is not a notice text.*header"):
        validate_texts({"headline": "x"}, where="notice.texts")


def test_non_string_text_is_reported_by_key():
    with pytest.raises(ValueError, match=r"texts\.header must be a string, not int"):
        validate_texts({"header": 3})


def test_unknown_placeholder_is_reported():
    with pytest.raises(ValueError, match=r"texts\.paragraph1 uses placeholder \{user\}"):
        validate_texts({"paragraph1": "Hello {user}"})


@pytest.mark.parametrize("text", ["{browser.__class__}", "{0}", "{}", "{browser[0]}"])
def test_attribute_index_and_positional_placeholders_are_refused(text):
    with pytest.raises(ValueError, match="uses placeholder"):
        validate_texts({"header": text})


def test_stray_brace_is_reported_with_the_escape_hint():
    with pytest.raises(ValueError, match=r"stray brace.*\{\{"):
        validate_texts({"header": "oops {"})


def test_doubled_braces_are_literal():
    assert fill(validate_texts({"header": "{{x}} {name}"})["header"], {"name": "Opera"}) == (
        "{x} Opera"
    )


def test_fill_puts_values_in_place():
    values = {"browser": "Safari 12.1", "name": "Safari", "version": "12.1", "os": "iOS"}
    assert (
        fill("{name} {version} on {os} ({browser})", values) == "Safari 12.1 on iOS (Safari 12.1)"
    )


def test_every_translation_has_only_known_keys_and_placeholders():
    for language, texts in TRANSLATIONS.items():
        assert set(texts) <= set(DEFAULT_TEXTS), language
        validate_texts(texts)
    assert {"browser", "name", "version", "os"} == PLACEHOLDERS


def test_built_in_translations_are_complete():
    for language, texts in TRANSLATIONS.items():
        assert set(texts) == set(DEFAULT_TEXTS), language
