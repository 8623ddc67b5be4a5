from __future__ import annotations

import re

import pytest

from jreject.detect.client import Client
from jreject.errors import PolicyValueError
from jreject.policy.bots import bot_mode, check_bots, decide
from jreject.policy.rules import RejectRules

BOT = Client(
    browser="ie", browser_name="Internet Explorer", version=(6,), is_bot=True, bot_name="Googlebot"
)
IE6 = Client(browser="ie", browser_name="Internet Explorer", version=(6,))
REJECT_ALL = RejectRules({"all": True}, action="block")


def test_bots_are_allowed_before_any_rule_runs():
    verdict = decide(BOT, REJECT_ALL)
    assert verdict.allowed
    assert verdict.action == "allow"
    assert verdict.rule == "bot"
    assert verdict.reasons == ("Googlebot is a bot: bots are always allowed",)


def test_bots_can_be_logged_but_not_rejected():
    verdict = decide(BOT, REJECT_ALL, bots="log")
    assert verdict.allowed
    assert verdict.action == "log"


def test_people_get_the_policy_verdict():
    verdict = decide(IE6, REJECT_ALL, bots="log")
    assert not verdict.allowed
    assert verdict.action == "block"


def test_blocking_bots_is_not_a_mode():
    with pytest.raises(ValueError, match="bots must be one of allow, log, got 'block'"):
        decide(IE6, REJECT_ALL, bots="block")  # type: ignore[arg-type]


AI_BOT = Client(is_bot=True, bot_name="GPTBot", bot_category="ai")
SEARCH_BOT = Client(is_bot=True, bot_name="Googlebot", bot_category="search")


def test_a_category_table_logs_only_the_categories_it_names():
    modes = check_bots({"ai": "log"})
    assert decide(AI_BOT, REJECT_ALL, bots=modes).action == "log"
    assert decide(SEARCH_BOT, REJECT_ALL, bots=modes).action == "allow"
    assert decide(AI_BOT, REJECT_ALL, bots=modes).reasons == (
        "GPTBot is a bot (ai): logged, never rejected",
    )


def test_default_sets_every_category_the_table_does_not_name():
    modes = check_bots({"default": "log", "search": "allow"})
    assert decide(AI_BOT, REJECT_ALL, bots=modes).action == "log"
    assert decide(SEARCH_BOT, REJECT_ALL, bots=modes).action == "allow"
    assert bot_mode(modes, None) == "log"


def test_no_category_table_can_reject_a_bot():
    modes = check_bots({"default": "log", "ai": "log"})
    for client in (AI_BOT, SEARCH_BOT, BOT):
        assert decide(client, REJECT_ALL, bots=modes).allowed


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"ai": "block"}, "bots.ai: expected one of 'allow', 'log', got 'block'"),
        ({"robots": "log"}, "unknown bot category 'robots'"),
        (3, "expected one of 'allow', 'log' or a table"),
        ("deny", "expected one of 'allow', 'log', got 'deny'"),
    ],
)
def test_bad_bot_settings_name_the_key_and_what_was_given(setting, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        check_bots(setting)


@pytest.mark.parametrize(
    ("setting", "key"),
    [({"ai": "block"}, "bots.ai"), ({"robots": "log"}, "bots.robots")],
)
def test_a_bad_category_entry_names_its_own_key(setting, key):
    with pytest.raises(PolicyValueError) as caught:
        check_bots(setting)
    assert caught.value.key == key
    assert not caught.value.detail.startswith("bots.")
