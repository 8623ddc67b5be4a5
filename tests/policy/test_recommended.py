"""The default policy: warns what its vendor abandoned or what is far behind, blocks no one."""

from __future__ import annotations

import tomllib

import pytest

from jreject.config import config_from_dict, default_config, load_config
from jreject.data import load
from jreject.detect import detect
from jreject.policy import FirstMatch, Minimum, RejectRules, Relative
from jreject.policy.recommended import (
    JREJECT_DEFAULT_TOML,
    LATEST_MINUS,
    OLDEST_PATCHED_SAFARI,
    RECOMMENDED_TOML,
    recommended_settings,
)

LATEST_CHROME = max(int(v.version) for v in load().agents["chrome"].released_versions)


def chrome(major: int) -> str:
    return (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{major}.0.0.0 Safari/537.36"
    )


def verdict(user_agent: str):
    return default_config().policy(detect({"User-Agent": user_agent}))


def test_the_default_is_the_recommended_toml():
    policy = default_config().policy
    assert isinstance(policy, FirstMatch)
    rules, safari, relative = policy.policies
    assert safari == Minimum({"safari": str(OLDEST_PATCHED_SAFARI)}, action="banner")
    assert rules == RejectRules({"msie": True, "ie_mobile": True, "edgehtml": True}, action="modal")
    assert isinstance(relative, Relative)
    assert (relative.latest_minus, relative.action) == (LATEST_MINUS, "banner")
    assert config_from_dict(recommended_settings()).policy == policy


@pytest.mark.parametrize(
    ("user_agent", "action"),
    [
        ("Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko", "modal"),
        ("Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1; SV1)", "modal"),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582",
            "modal",
        ),
        (
            "Mozilla/5.0 (Mobile; Windows Phone 8.1; Android 4.0; ARM; Trident/7.0; Touch; "
            "rv:11.0; IEMobile/11.0; NOKIA; Lumia 635) like iPhone OS 7_0_3 Mac OS X "
            "AppleWebKit/537 (KHTML, like Gecko) Mobile Safari/537",
            "modal",
        ),
        (chrome(100), "banner"),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_6) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) Version/12.1.2 Safari/605.1.15",
            "banner",
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 14_8 like Mac OS X) AppleWebKit/605.1.15 "
            "(KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
            "banner",
        ),
    ],
)
def test_abandoned_browsers_get_the_modal_and_far_behind_ones_the_banner(user_agent, action):
    found = verdict(user_agent)
    assert (found.allowed, found.action) == (False, action)


def test_current_and_recent_browsers_pass_and_nothing_is_blocked():
    assert verdict(chrome(LATEST_CHROME)).allowed
    assert verdict(chrome(LATEST_CHROME - LATEST_MINUS)).allowed
    assert not verdict(chrome(LATEST_CHROME - LATEST_MINUS - 1)).allowed
    assert "block" not in RECOMMENDED_TOML.split("# Tiers")[0] + str(recommended_settings())


def test_jrejects_own_default_is_one_short_toml_away(tmp_path):
    path = tmp_path / "jreject.toml"
    path.write_text(JREJECT_DEFAULT_TOML, encoding="utf-8")
    policy = load_config(path).policy
    assert policy == RejectRules({"msie": 6})
    assert policy(
        detect({"User-Agent": "Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko"})
    ).allowed
    # The same lines are in the recommended file's comments, for migrants.
    commented = "\n".join(
        line.removeprefix("#   ")
        for line in RECOMMENDED_TOML.splitlines()
        if line.startswith("#   [") or line.startswith("#   reject")
    )
    assert tomllib.loads(commented) == tomllib.loads(JREJECT_DEFAULT_TOML)


def test_safari_apple_still_patches_passes():
    ios15 = (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 15_8 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/15.6 Mobile/15E148 Safari/604.1"
    )
    assert verdict(ios15).allowed
    assert OLDEST_PATCHED_SAFARI == 15


def test_the_configuration_docs_show_the_recommended_tiers():
    from pathlib import Path

    text = (Path(__file__).resolve().parents[2] / "docs" / "configuration.md").read_text("utf-8")
    assert f'minimum = {{ safari = "{OLDEST_PATCHED_SAFARI}" }}' in text
    assert f"relative = {{ latest_minus = {LATEST_MINUS} }}" in text
