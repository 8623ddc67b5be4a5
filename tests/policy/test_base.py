from __future__ import annotations

from jreject.detect.client import Client
from jreject.policy.base import FirstMatch, Policy
from jreject.policy.minimum import Minimum
from jreject.policy.rules import RejectRules

TIERS = FirstMatch(
    (
        RejectRules({"msie": 8}, action="block"),
        Minimum.preset("modern", action="modal"),
    )
)


def ie(major):
    return Client(browser="ie", browser_name="Internet Explorer", version=(major,))


def test_first_rejecting_tier_wins():
    verdict = TIERS(ie(8))
    assert (verdict.allowed, verdict.action, verdict.rule) == (False, "block", "msie<=8")


def test_later_tier_decides_when_earlier_ones_allow():
    verdict = TIERS(ie(11))
    assert (verdict.allowed, verdict.action, verdict.rule) == (False, "modal", "ie=false")


def test_all_tiers_allowing_allows_with_their_reasons():
    chrome = Client(browser="chrome", browser_name="Chrome", version=())
    verdict = TIERS(chrome)
    assert verdict.allowed
    assert verdict.reasons == ("Chrome: version unknown, not judged",)


def test_a_reason_several_tiers_give_is_said_once():
    unknown = Client(browser="safari", browser_name="Safari", version=())
    tiers = FirstMatch((Minimum({"safari": 15}), Minimum.preset("modern")))
    verdict = tiers(unknown)
    assert verdict.allowed
    assert verdict.reasons == ("Safari: version unknown, not judged",)


def test_every_bundled_kind_satisfies_the_policy_protocol():
    assert isinstance(TIERS, Policy)
    assert all(isinstance(tier, Policy) for tier in TIERS.policies)


def test_allow_and_reject_build_ordinary_frozen_verdicts():
    import dataclasses
    import pickle

    import pytest

    from jreject.policy.base import Verdict, allow, reject

    client = Client(browser="chrome", version=(100,))
    rejected = reject(client, "block", "chrome<120", "Chrome 100 is older than 120")
    assert type(rejected) is Verdict
    assert rejected == Verdict(
        "block", False, ("Chrome 100 is older than 120",), "chrome<120", client
    )
    assert allow(client, "fine") == Verdict("allow", True, ("fine",), None, client)
    assert hash(rejected) == hash(pickle.loads(pickle.dumps(rejected)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        rejected.allowed = True  # type: ignore[misc]
