"""``compile_policy``: the policy's own answers, as ordered rules."""

from __future__ import annotations

import pytest

from jreject.config import config_from_dict
from jreject.export import compile_policy

SAFARI = (
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/{} Safari/605.1.15"
)
IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS {} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/15.0 Mobile/15E148 Safari/604.1"
)


@pytest.fixture(scope="module")
def export():
    return compile_policy(
        config_from_dict(
            {
                "policy": [
                    {"minimum": {"safari": "15.4", "ie": False}, "action": "block"},
                    {"minimum": {"firefox": 115}, "action": "banner"},
                ]
            }
        )
    )


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("15.3", "block"),
        ("15", "block"),
        ("15.4", "ok"),
        ("15.10", "ok"),
        ("9.1", "block"),
        ("16.0", "ok"),
        ("150.1", "ok"),
    ],
)
def test_a_minor_version_threshold_is_exact(export, version, expected):
    assert export.classify(SAFARI.format(version)) == expected


@pytest.mark.parametrize(("os", "expected"), [("15_3", "block"), ("15_4", "ok"), ("14", "block")])
def test_ios_browsers_are_judged_by_the_ios_version(export, os, expected):
    assert export.classify(IPHONE.format(os)) == expected


@pytest.mark.parametrize(
    ("ua", "expected"),
    [
        ("Mozilla/5.0 (X11; Linux x86_64; rv:114.0) Gecko/20100101 Firefox/114.0", "warn"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0", "ok"),
        ("Mozilla/5.0 (X11; Linux x86_64; rv:99.0) Gecko/20100101 Firefox/1150.0", "ok"),
        ("Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko", "block"),
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)", "block"),
        # Bots and unknown clients are allowed, as in Python.
        ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "ok"),
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SomeCrawler)", "ok"),
        ("NotABrowser/1.0", "ok"),
        ("", "ok"),
    ],
)
def test_families_bots_and_unknown_clients(export, ua, expected):
    assert export.classify(ua) == expected


def test_no_rule_uses_look_around(export):
    # Cloudflare's Rust regex and RE2 have none.
    for rule in export.rules:
        assert "(?=" not in rule.pattern
        assert "(?!" not in rule.pattern
        assert "(?<" not in rule.pattern


@pytest.fixture
def crawler_added(tmp_path, monkeypatch):
    """Bot data as `jreject data update` would install it, with one crawler more."""
    import json

    from jreject import data
    from jreject.data import bots

    installed = dict(bots.load_bot_data())
    installed["format"] = 1  # no branch index: the matcher indexes the file itself
    del installed[bots.BRANCHES], installed[bots.BRANCHES_VERSION]
    installed[bots.CRAWLER_USER_AGENTS] = [
        *installed[bots.CRAWLER_USER_AGENTS],
        {"pattern": "ExampleShopPreview", "category": "search"},
    ]
    (tmp_path / bots.BOTS_FILE).write_text(json.dumps(installed), "utf-8")
    monkeypatch.setattr(data, "user_data_dir", lambda: tmp_path)
    monkeypatch.delenv(data.DATA_DIR_ENV, raising=False)
    bots.reload_bot_data()
    yield
    monkeypatch.undo()
    bots.reload_bot_data()


def test_crawler_rules_come_from_the_bot_data_the_middleware_reads(crawler_added):
    chrome = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/120.0.0.0 Safari/537.36"
    )
    export = compile_policy(
        config_from_dict({"policy": [{"minimum": {"chrome": 130}, "action": "block"}]})
    )
    assert export.classify(chrome) == "block"
    assert export.classify(chrome + " ExampleShopPreview") == "ok"


def test_an_allow_list_says_the_edge_allows_browsers_it_has_no_family_for():
    export = compile_policy(
        config_from_dict({"policy": [{"allow_only": ["chrome", "firefox"], "action": "block"}]})
    )
    # Python blocks a browser outside the list; the edge only knows its families.
    yandex = (
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
        "YaBrowser/24.1.0.0 Mobile Safari/537.36"
    )
    assert export.classify(yandex) == "ok"
    (sentence,) = [s for s in export.unexpressed if s.startswith("allow_only")]
    assert "allows the others" in sentence


def test_a_lower_cased_user_agent_is_ok_at_the_edge_and_the_export_says_so():
    export = compile_policy(config_from_dict({"policy": [{"minimum": {"chrome": 120}}]}))
    chrome = (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/80.0.0.0 Safari/537.36"
    )
    assert export.classify(chrome) == "warn"
    assert export.classify(chrome.lower()) == "ok"
    assert any("lower-cased" in note for note in export.notes)
