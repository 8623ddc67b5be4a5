from __future__ import annotations

import pytest

from jreject.detect.bots import BotMatcher

CHROME = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
)


@pytest.fixture(scope="module")
def matcher() -> BotMatcher:
    return BotMatcher()


def test_googlebot_is_named(matcher):
    ua = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    assert matcher(ua) == "Googlebot"


def test_desktop_chrome_is_not_a_bot(matcher):
    assert matcher(CHROME) is None


def test_empty_user_agent_is_not_called_a_bot(matcher):
    assert matcher("") is None


def test_user_pattern_flags_a_browser_shaped_user_agent():
    matcher = BotMatcher(extra_patterns=[r"Chrome/131\.0\.0\.0 Safari"])
    assert matcher(CHROME) == "Chrome/131.0.0.0 Safari"


def test_bad_user_pattern_raises_value_error_naming_it():
    with pytest.raises(ValueError, match=r"'Foo\(bar'"):
        BotMatcher(extra_patterns=["Foo(bar"])
