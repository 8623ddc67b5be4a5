from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ua_parser import Domain, load_lazy_builtins

from jreject.data import ua_rules
from jreject.detect.useragent import RESOLVER_KINDS, UAParser, build_parser, rust_available

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


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_ascii_haystack_replaces_each_character_on_its_own(text):
    # Latin-1 text goes through a byte table and wider characters through a str
    # table a stretch at a time: any mix must come out as one stand-in per character.
    from jreject.detect.useragent import ascii_haystack

    assert ascii_haystack(text) == "".join(ascii_haystack(char) for char in text)


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


# --- the first lookup compiles only the rules that can match ----------------------------

OLD_UAS = [
    "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)",
    "Opera/9.80 (Windows NT 6.1; U; en) Presto/2.12.388 Version/12.16",
    "Mozilla/5.0 (Macintosh; U; Intel Mac OS X 10_5_8; en-us) AppleWebKit/531.22.7 "
    "(KHTML, like Gecko) Version/4.0.5 Safari/531.22.7",
    GOOGLEBOT,
    KINDLE,
    "no rule matches this",
]
_PARTS = ("family", "major", "minor", "patch", "patch_minor")


def _parts(match):
    return None if match is None else [getattr(match, part) for part in _PARTS]


@pytest.mark.parametrize("kind", RESOLVERS)
def test_the_first_lookup_answers_as_every_rule_does(kind):
    warm = build_parser(kind)
    warm.warm_up()
    for ua in OLD_UAS:
        assert _parts(build_parser(kind).browser(ua)) == _parts(warm.browser(ua)), ua


@pytest.fixture
def compiled(monkeypatch) -> list[int]:
    """How many browser rules each extractor a parser builds holds, in order."""
    sizes: list[int] = []
    build = UAParser._extractor

    def counting(self, rules, which):
        sizes.append(len(rules[0]))
        return build(self, rules, which)

    monkeypatch.setattr(UAParser, "_extractor", counting)
    return sizes


@pytest.mark.parametrize("kind", RESOLVERS)
def test_the_first_lookup_compiles_only_the_rules_its_user_agent_can_match(kind, compiled):
    parser = build_parser(kind)
    parser.browser(OLD_UAS[0])
    parser.browser(OLD_UAS[1])  # from the second lookup on, every rule
    parser.browser(OLD_UAS[2])
    everything = len(load_lazy_builtins()[0])
    assert compiled[0] < everything / 10
    assert compiled[1:] == [everything]


@pytest.mark.parametrize("kind", RESOLVERS)
def test_rules_the_bundled_keys_do_not_fit_are_all_compiled(kind, compiled, monkeypatch):
    monkeypatch.setattr(ua_rules, "keys_for", lambda regexes: None)
    match = build_parser(kind).browser(OLD_UAS[0])
    assert match is not None
    assert match.family == "IE"
    assert compiled == [len(load_lazy_builtins()[0])]


def test_a_warmed_up_parser_never_compiles_a_subset(compiled):
    parser = build_parser("auto")
    parser.warm_up()
    parser.browser(OLD_UAS[0])
    everything = len(load_lazy_builtins()[0])
    assert everything in compiled
    assert not any(0 < size < everything for size in compiled)


@pytest.fixture(scope="module")
def corpus_uas() -> list[str]:
    from .botcorpus import BOTS, NOT_BOTS, read_corpus
    from .test_corpus import CASES

    uas = [case.user_agent for case in CASES]
    uas += [ua for path in (BOTS, NOT_BOTS) for ua, _ in read_corpus(path)]
    return list(dict.fromkeys(ua for ua in uas if ua))


@pytest.mark.parametrize("kind", RESOLVERS)
def test_a_first_lookup_answers_as_every_rule_does_across_the_corpus(kind, corpus_uas):
    warm = build_parser(kind)
    warm.warm_up()
    wrong = [
        ua
        for ua in corpus_uas
        if _parts(build_parser(kind).browser(ua)) != _parts(warm.browser(ua))
    ]
    assert wrong == []
