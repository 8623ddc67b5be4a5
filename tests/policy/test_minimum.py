from __future__ import annotations

import re

import pytest

from jreject.detect.client import Client
from jreject.policy.minimum import MODERN, Minimum


def client(browser, version, name=None, **fields):
    return Client(browser=browser, browser_name=name or browser.title(), version=version, **fields)


def test_modern_preset_equals_rails_modern():
    assert dict(MODERN) == {
        "safari": "17.2",
        "chrome": 120,
        "firefox": 121,
        "opera": 106,
        "ie": False,
    }


def test_below_minimum_is_rejected_with_a_readable_reason():
    verdict = Minimum.preset("modern")(client("safari", (15, 6), "Safari"))
    assert not verdict.allowed
    assert verdict.action == "modal"
    assert verdict.rule == "safari<17.2"
    assert verdict.reasons == ("Safari 15.6 is older than the minimum 17.2 for safari",)


@pytest.mark.parametrize(
    ("browser", "version", "allowed"),
    [
        ("safari", (17, 2), True),
        ("safari", (17, 1, 9), False),
        ("chrome", (120, 0, 6099), True),
        ("chrome", (119, 9), False),
        ("firefox", (121,), True),
        ("firefox", (120,), False),
        ("opera", (106,), True),
        ("opera", (105,), False),
    ],
)
def test_versions_compare_as_tuples(browser, version, allowed):
    assert Minimum.preset("modern")(client(browser, version)).allowed is allowed


def test_minor_versions_compare_numerically():
    policy = Minimum({"safari": "17.10"})
    assert policy(client("safari", (17, 10))).allowed
    assert not policy(client("safari", (17, 9))).allowed


def test_false_means_never_even_without_a_version():
    policy = Minimum.preset("modern")
    verdict = policy(client("ie", (11, 0), "Internet Explorer"))
    assert not verdict.allowed
    assert verdict.rule == "ie=false"
    assert not policy(client("ie", ())).allowed


def test_unlisted_browsers_and_unknown_clients_are_allowed():
    policy = Minimum.preset("modern")
    assert policy(client("yandex", (20,))).allowed
    assert policy(Client()).allowed


def test_unknown_version_of_a_listed_browser_is_allowed():
    verdict = Minimum.preset("modern")(client("chrome", ()))
    assert verdict.allowed
    assert "version unknown" in verdict.reasons[0]


def test_edge_samsung_and_opera_have_their_own_entries():
    edge = client("edge", (110,), "Microsoft Edge", chromium_version=(110,))
    assert Minimum({"chrome": 120})(edge).allowed  # no edge entry, no fallback
    verdict = Minimum.preset("modern", edge=100)(edge)
    assert verdict.allowed  # its own entry, not Chrome's 120
    verdict = Minimum.preset("modern", edge=120)(edge)
    assert verdict.rule == "edge<120"
    samsung = client("samsung", (20,), "Samsung Internet", chromium_version=(106,))
    assert not Minimum({"samsung": 23})(samsung).allowed


def test_presets_judge_chromium_browsers_without_an_entry_by_their_chromium_version():
    # Samsung Internet 12 is Chrome 79 inside: under `modern` it must not pass.
    samsung = client("samsung", (12, 0), "Samsung Internet", chromium_version=(79,))
    verdict = Minimum.preset("modern")(samsung)
    assert verdict.rule == "chrome<120"
    assert not Minimum.preset("modern")(client("uc", (12,), chromium_version=(57,))).allowed
    assert Minimum.preset("modern")(client("yandex", (25,), chromium_version=(132,))).allowed


def test_chromium_fallback_can_be_turned_off_for_a_preset():
    vivaldi = client("vivaldi", (6, 5), "Vivaldi", chromium_version=(100,))
    assert Minimum.preset("modern", chromium_fallback=False)(vivaldi).allowed


def test_chromium_fallback_is_off_for_a_hand_written_table():
    vivaldi = client("vivaldi", (6, 5), "Vivaldi", chromium_version=(100,))
    assert Minimum({"chrome": 120})(vivaldi).allowed


def test_chromium_fallback_judges_the_chromium_version_against_chrome():
    policy = Minimum({"chrome": 120}, chromium_fallback=True)
    old = client("vivaldi", (6, 5), "Vivaldi", chromium_version=(100,))
    verdict = policy(old)
    assert not verdict.allowed
    assert verdict.rule == "chrome<120"
    assert verdict.reasons == (
        "Vivaldi 6.5 (Chromium 100) is older than the minimum 120 for chrome",
    )
    assert policy(client("vivaldi", (7, 0), chromium_version=(130,))).allowed


def test_own_entry_wins_over_chromium_fallback():
    policy = Minimum({"chrome": 120, "edge": 100}, chromium_fallback=True)
    assert policy(client("edge", (110,), chromium_version=(110,))).allowed


def test_ios_browsers_are_judged_by_webkit_version_against_safari():
    policy = Minimum.preset("modern")
    old = client(
        "chrome_ios",
        (120,),
        "Chrome on iOS",
        caniuse_agent="ios_saf",
        caniuse_version=(16, 7),
        os="ios",
    )
    verdict = policy(old)
    assert not verdict.allowed
    assert verdict.rule == "safari<17.2"
    assert "WebKit 16.7" in verdict.reasons[0]
    new = client("chrome_ios", (120,), caniuse_agent="ios_saf", caniuse_version=(18, 7), os="ios")
    assert policy(new).allowed


def test_ios_browser_with_frozen_os_version_is_never_rejected():
    frozen = client(
        "firefox_ios",
        (140,),
        "Firefox on iOS",
        caniuse_agent="ios_saf",
        caniuse_version=(16, 0),
        os="ios",
        os_version=(16, 0),
        os_version_frozen=True,
    )
    verdict = Minimum.preset("modern")(frozen)
    assert verdict.allowed
    assert "frozen" in verdict.reasons[0]


def test_firefox_esr_takes_the_firefox_entry():
    esr = client("firefox_esr", (115,), "Firefox ESR")
    assert Minimum.preset("modern")(esr).rule == "firefox<121"
    assert Minimum({"firefox": 121, "firefox_esr": 115})(esr).allowed


def test_legacy_msie_name_is_accepted():
    assert not Minimum({"msie": 9})(client("ie", (8, 0))).allowed


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        ({"safarii": 17}, "safarii: unknown browser 'safarii' (did you mean 'safari'?)"),
        ({"chrome": True}, "chrome: expected a minimum version or false (never), got true"),
        ({"chrome": "12x"}, "chrome: expected a minimum version such as 120 or"),
        ({"chrome": -1}, "chrome: expected a minimum version such as 120 or"),
    ],
)
def test_bad_entries_fail_at_construction(versions, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Minimum(versions)


def test_unknown_preset_is_an_error():
    with pytest.raises(ValueError, match="unknown preset 'legacy'"):
        Minimum.preset("legacy")


@pytest.mark.parametrize(
    ("version", "minimum", "allowed"),
    [
        ((17,), "17.0", True),
        ((17,), "17.0.1", False),
        ((17, 0, 0), "17", True),
        ((16, 9), "17", False),
    ],
)
def test_missing_version_parts_count_as_zero(version, minimum, allowed):
    assert Minimum({"safari": minimum})(client("safari", version)).allowed is allowed


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        ({"msie": False, "ie": 11}, "ie: 'msie' and 'ie' both name ie; keep one"),
        (
            {"Chrome": 100, "chrome": 120},
            "chrome: 'Chrome' and 'chrome' both name chrome; keep one",
        ),
    ],
)
def test_two_names_for_one_browser_are_an_error_not_last_one_wins(versions, message):
    with pytest.raises(ValueError, match="^" + re.escape(message)):
        Minimum(versions)


@pytest.mark.parametrize("zero", [0, "0", "0.0", 0.0])
def test_a_minimum_of_zero_is_an_error_since_it_judges_nothing(zero):
    with pytest.raises(ValueError, match=r"^chrome: a minimum of 0 allows every version"):
        Minimum({"chrome": zero})


@pytest.mark.parametrize("digits", ["١٢٠", "１２０"])
def test_versions_are_ascii_digits_only(digits):
    with pytest.raises(ValueError, match=r"^chrome: expected a minimum version such as 120"):
        Minimum({"chrome": digits})
