from __future__ import annotations

import pytest
from ua_parser import Domain

from jreject.detect.useragent import RESOLVER_KINDS, build_parser, rust_available

from .conftest import RESOLVERS

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
KINDLE = (
    "Mozilla/5.0 (Linux; Android 9; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Silk/130.4.1 like Chrome/130.0.6723.102 Safari/537.36"
)


@pytest.mark.parametrize("kind", RESOLVERS)
def test_backend_names_what_runs(kind):
    parser = build_parser(kind)
    assert parser.backend == ("ua-parser-rs" if kind == "rust" else "python")


def test_auto_prefers_rust_when_installed():
    assert build_parser("auto").backend == ("ua-parser-rs" if rust_available() else "python")


@pytest.mark.parametrize("kind", RESOLVERS)
def test_spider_device_class_is_a_crawler(kind):
    parser = build_parser(kind)
    assert parser.is_spider(GOOGLEBOT)


@pytest.mark.parametrize("kind", RESOLVERS)
def test_an_earlier_device_rule_outranks_a_spider_rule(kind):
    # The Spider rules alone match this Kindle; ua-parser's full device list does not.
    assert not build_parser(kind).is_spider(KINDLE)


@pytest.mark.parametrize("kind", RESOLVERS)
def test_only_the_user_agent_domain_is_parsed(kind):
    result = build_parser(kind).user_agent(GOOGLEBOT)
    assert result.user_agent is not None
    assert result.os is None
    assert result.device is None


def test_unknown_kind_is_rejected():
    assert RESOLVER_KINDS == ("auto", "rust", "python")
    with pytest.raises(ValueError, match="not 'fast'"):
        build_parser("fast")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", RESOLVERS)
@pytest.mark.parametrize("ua", [GOOGLEBOT, KINDLE, "no rule matches this"])
def test_direct_extractors_answer_like_the_resolver(kind, ua):
    parser = build_parser(kind)
    full = parser.resolver(ua, Domain.ALL)
    for direct, cached in ((parser.browser(ua), full.user_agent), (parser.platform(ua), full.os)):
        parts = ("family", "major", "minor", "patch", "patch_minor")
        if cached is None or cached.family == "Other":
            assert direct is None or direct.family == "Other"
        else:
            assert direct is not None
            assert [getattr(direct, p) for p in parts] == [getattr(cached, p) for p in parts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chrome/131.0 Safari", "Chrome/131.0 Safari"),
        ("Caf\u00e9 Bot", "Caf_ Bot"),  # a letter stays a word character
        ("Chrome/\u0661\u0662\u0660", "Chrome/120"),  # a decimal digit becomes its digit
        ("a\u00a0b\u2003c", "a b c"),  # Unicode spaces become a space
        ("\u00a9 2024 \u00ff", "\x7f 2024 _"),  # a symbol is neither word nor space
        ("\U0001f600", "\x7f"),
    ],
)
def test_ascii_haystack_keeps_each_characters_class(text, expected):
    from jreject.detect.useragent import ascii_haystack

    assert ascii_haystack(text) == expected
    assert ascii_haystack(text).isascii()


def _fastest_ms(call, arg, runs=15):
    import time

    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call(arg)
        best = min(best, time.perf_counter() - start)
    return best * 1000


@pytest.mark.parametrize("kind", RESOLVERS)
@pytest.mark.parametrize("char", ["\u00e9", "\u00ff", "\x80", "\u00a0", "\u4e2d"])
def test_one_non_ascii_character_costs_no_more_than_an_ascii_one(kind, char):
    # ua-parser's "…Bot\b" rule ran ~130x slower in the Rust regex crate once the
    # haystack held one non-ASCII byte (its lazy DFA cannot do a Unicode \b then).
    # Compared against the same UA with an ASCII letter, so machine load cancels; the
    # margin (10x) is wide for a busy CI machine and still an order below the bug.
    parser = build_parser(kind)
    body = "Mozilla/5.0 " + "Ab1 xyBotq" * 100
    ascii_ms = _fastest_ms(parser.browser, "x" + body)
    other_ms = _fastest_ms(parser.browser, char + body)
    assert other_ms < 10 * ascii_ms + 0.05, (ascii_ms, other_ms)


@pytest.mark.parametrize("kind", RESOLVERS)
def test_non_ascii_characters_do_not_change_the_answer_for_a_browser(kind):
    parser = build_parser(kind)
    ua = (
        "Mozilla/5.0 (Linux; Android 14; Caf\u00e9 Phone) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"
    )
    browser = parser.browser(ua)
    assert browser is not None
    assert (browser.family, browser.major) == ("Chrome Mobile", "131")
    platform = parser.platform(ua)
    assert platform is not None
    assert (platform.family, platform.major) == ("Android", "14")
