"""Outcomes per distinct User-Agent and policy."""

from __future__ import annotations

import pytest

from jreject.analyze.classify import PolicyUnderTest, classify, looks_like_text, unescape
from jreject.config import config_from_dict

from .logs import CHROME, FIREFOX_OLD, GOOGLEBOT, IE6


def judge(ua: str, tiers: list[dict]) -> str:
    policy = PolicyUnderTest("p", config_from_dict({"policy": tiers}))
    return classify([ua], [policy])[ua].outcomes[0]


@pytest.mark.parametrize(
    ("action", "expected"),
    [("modal", "warned"), ("banner", "warned"), ("block", "blocked"), ("log", "logged")],
)
def test_each_action_has_its_outcome(action, expected):
    assert judge(IE6, [{"reject": {"msie": True}, "action": action}]) == expected
    assert judge(CHROME, [{"reject": {"msie": True}, "action": action}]) == "allowed"


def test_bots_are_counted_apart_and_never_rejected():
    assert judge(GOOGLEBOT, [{"reject": {"all": True}, "action": "block"}]) == "bot"


def test_bots_logged_by_config_are_still_bots():
    config = config_from_dict({"bots": "log", "policy": [{"reject": {"all": True}}]})
    judged = classify([GOOGLEBOT], [PolicyUnderTest("p", config)])[GOOGLEBOT]
    assert judged.outcomes == ("bot",)


def test_each_policy_judges_the_same_client(two_policies):
    judged = classify([FIREFOX_OLD, IE6], two_policies)
    assert judged[FIREFOX_OLD].outcomes == ("allowed", "logged")
    assert judged[IE6].outcomes == ("warned", "blocked")
    assert judged[IE6].client.browser == "ie"


def test_unknown_user_agents_are_unclassified():
    judged = classify(["Zorblax/1.0 (weird; odd)"], [PolicyUnderTest("p", config_from_dict({}))])
    (only,) = judged.values()
    assert only.unclassified


@pytest.mark.parametrize(
    ("user_agent", "text"),
    [
        (CHROME, True),
        ("", True),  # no User-Agent sent
        ("Mozilla/5.0 (Linux; Android 10; 华为 P30) 微信/8.0", True),
        ("\x00\ufffd\ufffdqC[\ufffd:\ufffd\x01\ufffdGF\x15\x18", False),
        ("\ufffd\ufffd\ufffd\ufffd", False),
    ],
)
def test_a_user_agent_is_text_when_nearly_all_printable(user_agent, text):
    assert looks_like_text(user_agent) is text


@pytest.mark.parametrize(
    ("logged", "sent"),
    [
        ('a \\"b\\"', 'a "b"'),
        ("a\\x22b", 'a"b'),
        ("back\\\\slash", "back\\slash"),
        ("plain", "plain"),
        # nginx and Apache escape every byte of a non-ASCII character: it is UTF-8.
        ("Firefox/60.0 caf\\xC3\\xA9", "Firefox/60.0 caf\u00e9"),
        ("Apache \\xe6\\x97\\xa5", "Apache \u65e5"),
        # Bytes that are not UTF-8 (a Latin-1 client) stay one character each.
        ("caf\\xE9 ok", "caf\u00e9 ok"),
        ("a\\x22b\\xC3\\xA9\\x5C", 'a"b\u00e9\\'),
    ],
)
def test_unescape_reverses_nginx_and_apache_escapes(logged, sent):
    assert unescape(logged) == sent


def test_unescaped_user_agents_keep_their_name_in_the_log(two_policies):
    judged = classify(["caf\\xC3\\xA9/1.0"], two_policies)
    assert judged["caf\\xC3\\xA9/1.0"].client.user_agent == "caf\u00e9/1.0"


def test_user_agents_from_json_or_csv_are_not_unescaped(two_policies):
    # A JSON or CSV log holds the User-Agent as sent: a backslash in it is the client's.
    judged = classify(["Back\\slash \\x41/2.0"], two_policies, escaped=False)
    assert judged["Back\\slash \\x41/2.0"].client.user_agent == "Back\\slash \\x41/2.0"
