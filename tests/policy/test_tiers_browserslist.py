from __future__ import annotations

from dataclasses import replace

import pytest

from jreject.config import ConfigError, config_from_dict
from jreject.data import load
from jreject.detect.client import Client

SAFARI_10 = Client(
    browser="safari",
    browser_name="Safari",
    version=(10, 1),
    engine="webkit",
    caniuse_agent="safari",
    caniuse_version=(10, 1),
)
CHROME_150 = Client(
    browser="chrome",
    browser_name="Chrome",
    version=(150,),
    engine="blink",
    caniuse_agent="chrome",
    caniuse_version=(150,),
)


def test_require_tier_rejects_a_browser_lacking_a_feature():
    config = config_from_dict({"policy": [{"require": ["es6-module"], "action": "block"}]})
    verdict = config.policy(SAFARI_10)
    assert (verdict.allowed, verdict.action) == (False, "block")
    assert "lacks es6-module" in verdict.reasons[0]
    assert config.policy(CHROME_150).allowed


def test_browserslist_tier_uses_the_query():
    config = config_from_dict({"policy": [{"browserslist": "last 2 Chrome versions"}]})
    newest = max(int(v.version) for v in load().agents["chrome"].released_versions)
    current = replace(CHROME_150, version=(newest,), caniuse_version=(newest,))
    assert config.policy(current).allowed
    old = replace(CHROME_150, version=(newest - 5,), caniuse_version=(newest - 5,))
    assert not config.policy(old).allowed
    assert not config.policy(SAFARI_10).allowed


def test_bad_browserslist_query_names_the_tier_key():
    with pytest.raises(ConfigError) as error:
        config_from_dict({"policy": [{"browserslist": "defaults and not deadd"}]})
    assert "policy[0].browserslist" in str(error.value)
    assert "not deadd" in str(error.value)
