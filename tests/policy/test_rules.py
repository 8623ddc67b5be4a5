from __future__ import annotations

import re

import pytest

from jreject.detect.client import Client
from jreject.policy.rules import JREJECT_DEFAULT, RejectRules


def ie(version):
    return Client(
        browser="ie",
        browser_name="Internet Explorer",
        version=version,
        engine="trident",
        engine_version=(4,),
        os="windows",
        os_name="Windows",
    )


FIREFOX_3 = Client(
    browser="firefox",
    browser_name="Firefox",
    version=(3, 6),
    engine="gecko",
    engine_version=(1, 9, 2),
    os="linux",
    os_name="Linux",
)
SAFARI_15 = Client(
    browser="safari",
    browser_name="Safari",
    version=(15, 6),
    engine="webkit",
    engine_version=(605, 1, 15),
    os="macos",
    os_name="macOS",
)
IPHONE_SAFARI = Client(
    browser="safari", browser_name="Safari", version=(26, 1), engine="webkit", os="ios"
)
UNKNOWN = Client()


def test_default_is_jrejects_msie_6():
    rules = RejectRules()
    assert dict(rules.rules) == dict(JREJECT_DEFAULT) == {"msie": 6}
    assert not rules(ie((6, 0))).allowed
    assert not rules(ie((5, 5))).allowed
    assert rules(ie((7, 0))).allowed


def test_browser_number_rejects_that_major_and_older():
    verdict = RejectRules({"msie": 8}, action="block")(ie((8, 0)))
    assert not verdict.allowed
    assert verdict.action == "block"
    assert verdict.rule == "msie<=8"
    assert verdict.reasons == ("Internet Explorer 8.0 is at or below version 8 (msie<=8)",)
    assert RejectRules({"msie": 8})(ie((9, 0))).allowed


def test_browser_true_rejects_every_version():
    verdict = RejectRules({"msie": True})(ie((11, 0)))
    assert not verdict.allowed
    assert verdict.rule == "msie"


def test_browser_false_rejects_nothing():
    assert RejectRules({"msie": False})(ie((6, 0))).allowed


def test_canonical_ids_work_like_legacy_names():
    assert not RejectRules({"ie": 6})(ie((6, 0))).allowed


def test_version_string_compares_minor_versions():
    rules = RejectRules({"safari": "15.6"})
    assert not rules(SAFARI_15).allowed
    newer = Client(browser="safari", browser_name="Safari", version=(15, 7))
    assert rules(newer).allowed


def test_unknown_version_is_not_rejected_by_a_number():
    assert RejectRules({"msie": 8})(ie(())).allowed


def test_browser_and_major_key_rejects_only_that_major():
    rules = RejectRules({"firefox3": True})
    verdict = rules(FIREFOX_3)
    assert not verdict.allowed
    assert verdict.rule == "firefox3"
    assert rules(Client(browser="firefox", browser_name="Firefox", version=(4, 0))).allowed
    assert RejectRules({"msie8": True})(ie((8, 0))).rule == "msie8"
    assert RejectRules({"firefox3": False})(FIREFOX_3).allowed


@pytest.mark.parametrize(
    ("rules", "client", "rule"),
    [
        ({"trident": True}, ie((11, 0)), "engine:trident"),
        ({"gecko": True}, FIREFOX_3, "engine:gecko"),
        ({"webkit": True}, SAFARI_15, "engine:webkit"),
        ({"webkit": 605}, SAFARI_15, "engine:webkit<=605"),
    ],
)
def test_engine_keys(rules, client, rule):
    verdict = RejectRules(rules)(client)
    assert not verdict.allowed
    assert verdict.rule == rule


def test_engine_version_above_limit_is_allowed():
    assert RejectRules({"webkit": 604})(SAFARI_15).allowed


@pytest.mark.parametrize(
    ("key", "client"),
    [
        ("win", ie((11, 0))),
        ("mac", SAFARI_15),
        ("linux", FIREFOX_3),
        ("iphone", IPHONE_SAFARI),
    ],
)
def test_platform_keys(key, client):
    verdict = RejectRules({key: True})(client)
    assert not verdict.allowed
    assert verdict.rule == f"platform:{key}"
    assert RejectRules({key: False})(client).allowed


def test_android_key_means_the_platform():
    chrome = Client(browser="chrome", browser_name="Chrome", version=(120,), os="android")
    assert RejectRules({"android": True})(chrome).rule == "platform:android"


def test_platform_reason_names_browser_and_os():
    (reason,) = RejectRules({"win": True})(ie((11, 0))).reasons
    assert reason == "Internet Explorer 11.0 on Windows is rejected (win)"


def test_unknown_rejects_unrecognised_browsers_only_when_set():
    verdict = RejectRules({"unknown": True})(UNKNOWN)
    assert not verdict.allowed
    assert verdict.rule == "unknown"
    assert RejectRules({"unknown": True})(SAFARI_15).allowed
    assert RejectRules({"msie": 6})(UNKNOWN).allowed


def test_all_rejects_everything():
    verdict = RejectRules({"all": True})(SAFARI_15)
    assert not verdict.allowed
    assert verdict.rule == "all"
    assert RejectRules({"all": False})(SAFARI_15).allowed


def test_konqueror_legacy_name_is_accepted():
    konq = Client(browser="konqueror", browser_name="Konqueror", version=(3, 5))
    assert not RejectRules({"konqueror": 3})(konq).allowed
    assert not RejectRules({"konqueror3": True})(konq).allowed


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"safarii": 17}, "safarii: unknown browser, engine or platform 'safarii'"),
        ({"firefox3": 2}, "firefox3: expected true or false, got 2"),
        ({"win": "yes"}, "win: expected true or false, got 'yes'"),
        (
            {"msie": "six"},
            "msie: expected true, false or a version such as 6 or \"15.6\", got 'six'",
        ),
        ({"msie": [6]}, "msie: expected true, false or a version, got [6]"),
    ],
)
def test_bad_keys_and_values_fail_at_construction(rules, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        RejectRules(rules)


def test_unknown_key_suggests_the_closest():
    with pytest.raises(ValueError, match=r"did you mean 'safari'\?"):
        RejectRules({"safarii": True})


def test_allow_is_not_a_rejecting_action():
    with pytest.raises(ValueError, match="modal, banner, block or log"):
        RejectRules({"msie": 6}, action="allow")


def test_any_catalog_os_id_is_a_platform_key():
    tizen = Client(browser="samsung", browser_name="Samsung Internet", version=(20,), os="tizen")
    assert RejectRules({"tizen": True})(tizen).rule == "platform:tizen"


def test_unknown_also_covers_an_unrecognised_os():
    chrome = Client(browser="chrome", browser_name="Chrome", version=(130,), os="unknown")
    verdict = RejectRules({"unknown": True})(chrome)
    assert verdict.reasons == ("an unrecognised operating system is rejected (unknown)",)


def test_browser_ids_come_from_the_detection_catalog():
    from jreject.detect import catalog

    for browser in catalog.BROWSERS:
        RejectRules({browser: True})


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ({"msie": 8, "ie": True}, "ie: 'msie' and 'ie' both name ie; keep one"),
        ({"MSIE": 8, "msie": 6}, "msie: 'MSIE' and 'msie' both name ie; keep one"),
        ({"win": True, "windows": False}, "windows: 'win' and 'windows' both name windows"),
        ({"msie8": True, "ie8": True}, "ie8: 'msie8' and 'ie8' both name ie 8; keep one"),
        ({"webkit": True, "WebKit": 600}, "WebKit: 'webkit' and 'WebKit' both name webkit"),
    ],
)
def test_two_keys_for_one_target_are_an_error_not_last_one_wins(rules, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        RejectRules(rules)


@pytest.mark.parametrize("rules", [{"msie": 0}, {"msie": "0.0"}, {"trident": 0}])
def test_a_limit_of_zero_is_an_error_since_it_rejects_nothing(rules):
    with pytest.raises(ValueError, match="a limit of 0 rejects no version"):
        RejectRules(rules)


@pytest.mark.parametrize("limit", ["15.6", 15.6])
@pytest.mark.parametrize(
    ("version", "rejected"),
    [((15, 6), True), ((15, 6, 1), True), ((15,), True), ((15, 5, 9), True), ((15, 7), False)],
)
def test_a_version_limit_covers_that_versions_patch_releases(limit, version, rejected):
    # As jReject's parseFloat("15.6.1") <= 15.6, and as `safari = 15` covers every 15.x.
    safari = Client(browser="safari", browser_name="Safari", version=version)
    assert RejectRules({"safari": limit})(safari).allowed is not rejected


def test_a_whole_number_string_covers_its_major_like_the_number():
    safari = Client(browser="safari", browser_name="Safari", version=(15, 6))
    assert RejectRules({"safari": "15"})(safari).rule == "safari<=15"
