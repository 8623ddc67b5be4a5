from __future__ import annotations

import pytest

from jreject.detect.client import Client
from jreject.policy.bots import decide
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
