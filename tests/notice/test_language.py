from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jreject.notice.language import (
    MAX_HEADER,
    MAX_MEMBERS,
    canonical_tag,
    match,
    negotiate,
    parse_accept_language,
    with_script,
)

OURS = frozenset(
    {"en", "de", "fr", "pt", "pt-BR", "zh-Hans", "zh-Hant", "nb", "he", "id", "sr", "sr-Latn"}
)


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("pt_br", "pt-BR"),
        ("ZH-hant-tw", "zh-Hant-TW"),
        ("es-419", "es-419"),
        ("sr_Latn", "sr-Latn"),
        ("de-CH-1996", "de-CH-1996"),
        ("", None),
        (None, None),
        ("*", None),
        ("e", None),
        ("en--us", None),
        ("en us", None),
        ("x" * 65, None),
    ],
)
def test_canonical_tag_prints_bcp47_case_or_refuses(tag, expected):
    assert canonical_tag(tag) == expected


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        ("de-AT", "de"),
        ("pt-BR", "pt-BR"),
        ("pt-PT", "pt"),
        ("pt", "pt"),
        ("zh-Hant-TW", "zh-Hant"),
        ("zh-TW", "zh-Hant"),
        ("zh-HK", "zh-Hant"),
        ("zh-MO", "zh-Hant"),
        ("zh-CN", "zh-Hans"),
        ("zh-SG", "zh-Hans"),
        ("zh", "zh-Hans"),
        ("zh-Hans-HK", "zh-Hans"),
        ("no", "nb"),
        ("nn-NO", "nb"),
        ("nb-NO", "nb"),
        ("iw", "he"),
        ("in-ID", "id"),
        ("sr-Latn-RS", "sr-Latn"),
        ("sr-RS", "sr"),
        # CLDR: Serbian in Montenegro (and Romania, Turkey) is written in Latin script.
        ("sr-ME", "sr-Latn"),
        ("sr-RO", "sr-Latn"),
        ("sr-Cyrl-ME", "sr"),
        ("en-x-private", "en"),
        ("ja", None),
        ("*", None),
    ],
)
def test_match_finds_the_language_a_reader_of_the_tag_reads(wanted, expected):
    assert match(wanted, OURS) == expected


def test_match_takes_a_regional_variant_when_the_plain_language_is_missing():
    assert match("pt", frozenset({"en", "pt-BR"})) == "pt-BR"
    assert match("pt-PT", frozenset({"en", "pt-BR"})) == "pt-BR"


def test_match_never_crosses_chinese_scripts():
    assert match("zh-TW", frozenset({"en", "zh-Hans"})) is None
    assert match("zh-CN", frozenset({"en", "zh-Hant"})) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-ES,es;q=0.9,fr;q=0.8", ["es-ES", "es", "fr"]),
        ("fr;q=0.5, de", ["de", "fr"]),
        ("da, en-GB;q=0.8, en;q=0.7", ["da", "en-GB", "en"]),
        ("de;q=0, fr", ["fr"]),
        ("*;q=0.5, it", ["it"]),
        ("en;q=1.000, de;q=1.0001", ["en"]),
        ("en;q=2", []),
        ("en;level=1", []),
        ("en;q=", []),
        (" ,, ;;, en ", ["en"]),
        ("", []),
        (None, []),
    ],
)
def test_accept_language_is_read_with_q_values(header, expected):
    assert parse_accept_language(header) == expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-ES,es;q=0.9,fr;q=0.8", "fr"),
        ("fr-CA, en;q=0.5", "fr"),
        ("ja, pt-BR;q=0.9, en;q=0.8", "pt-BR"),
        ("zh-TW,zh;q=0.9,en;q=0.8", "zh-Hant"),
        ("zh-CN,zh;q=0.9", "zh-Hans"),
        ("ja, ko", None),
        ("de;q=0, en", "en"),
        ("not a header", None),
    ],
)
def test_negotiate_tries_each_wanted_language_in_order(header, expected):
    assert negotiate(header, OURS) == expected


def test_an_oversized_header_is_ignored_whole():
    header = "de," + "x" * MAX_HEADER
    assert parse_accept_language(header) == []
    assert negotiate(header, OURS) is None


def test_only_the_first_members_are_read():
    header = ",".join(["ja"] * MAX_MEMBERS + ["de"])
    assert len(header) < MAX_HEADER
    assert negotiate(header, OURS) is None


@given(st.text(max_size=2 * MAX_HEADER))
def test_any_header_gives_a_known_language_or_none(header):
    assert negotiate(header, OURS) in {*OURS, None}


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zh-TW", "zh-Hant-TW"),
        ("zh-HK", "zh-Hant-HK"),
        ("zh-CN", "zh-Hans-CN"),
        ("zh", "zh-Hans"),
        ("zh-Hant", "zh-Hant"),
        ("zh-Hans-SG", "zh-Hans-SG"),
        ("sr-ME", "sr-Latn-ME"),
        ("sr-RS", "sr-RS"),
        ("sr", "sr"),
        ("pt-BR", "pt-BR"),
    ],
)
def test_a_chinese_or_serbian_tag_gets_the_script_its_region_implies(tag, expected):
    assert with_script(tag) == expected
