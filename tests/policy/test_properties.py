"""Any settings give a config or a ConfigError; no client makes a policy raise."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jreject.config import ConfigError, config_from_dict
from jreject.detect.client import ENGINES, Client
from jreject.policy import AllowOnly, FirstMatch, Minimum, RejectRules, Relative, decide

NAMES = st.sampled_from(
    ["msie", "ie", "chrome", "safari", "firefox3", "win", "all", "unknown", "webkit", "policy",
     "minimum", "reject", "relative", "allow_only", "action", "preset", "latest_minus", "bots",
     "bot_patterns", "notice", "x"]
)  # fmt: skip
SCALARS = st.one_of(
    st.booleans(), st.integers(-5, 200), st.floats(allow_nan=True), st.text(max_size=8)
)
VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(NAMES, children, max_size=4)
    ),
    max_leaves=12,
)
VERSIONS = st.lists(st.integers(0, 300), max_size=4).map(tuple)
CLIENTS = st.builds(
    Client,
    browser=st.sampled_from(["chrome", "safari", "ie", "firefox", "edge", "chrome_ios", "unknown"]),
    version=VERSIONS,
    engine=st.sampled_from(ENGINES),
    engine_version=VERSIONS,
    os=st.sampled_from(["windows", "ios", "macos", "android", "unknown"]),
    os_version_frozen=st.booleans(),
    is_bot=st.booleans(),
    caniuse_agent=st.sampled_from(
        [None, "chrome", "ios_saf", "safari", "and_chr", "op_mini", "zz"]
    ),
    caniuse_version=VERSIONS,
    chromium_version=VERSIONS,
)
POLICY = FirstMatch(
    (
        RejectRules(
            {"msie": 8, "firefox3": True, "webkit": "500.1", "iphone": True, "unknown": True}
        ),
        Minimum.preset("modern", edge=120, chromium_fallback=True),
        Relative(1),
        AllowOnly(["chrome", "safari", "edge"]),
    )
)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(NAMES, VALUES, max_size=5))
def test_any_settings_give_a_config_or_a_config_error(settings_dict):
    message = "fuzz"
    try:
        config_from_dict(settings_dict, source="fuzz")
    except ConfigError as error:
        message = str(error)
    assert message.startswith("fuzz")


@settings(max_examples=300, deadline=None)
@given(CLIENTS, st.sampled_from(["allow", "log"]))
def test_policies_never_raise_on_any_client(client, bots):
    verdict = decide(client, POLICY, bots=bots)
    assert verdict.allowed or verdict.rule
    assert verdict.allowed or not client.is_bot
    assert all(isinstance(reason, str) and reason for reason in verdict.reasons) or verdict.allowed
