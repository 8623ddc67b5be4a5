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
