from __future__ import annotations

import pytest

from jreject.detect.client import Client
from jreject.policy.allow import AllowOnly
from jreject.policy.minimum import Minimum

CHROME = Client(browser="chrome", browser_name="Chrome", version=(130,))
OPERA = Client(browser="opera", browser_name="Opera", version=(110,))
OLD_SAFARI = Client(browser="safari", browser_name="Safari", version=(15, 6))


def test_listed_browsers_are_allowed_and_others_rejected():
    policy = AllowOnly(["chrome", "firefox", "safari"], action="banner")
    assert policy(CHROME).allowed
    verdict = policy(OPERA)
    assert not verdict.allowed
    assert verdict.action == "banner"
    assert verdict.rule == "allow_only:opera"
    assert verdict.reasons == ("Opera 110 is not one of the supported browsers",)


def test_unknown_browsers_are_rejected():
    assert not AllowOnly(["chrome"])(Client()).allowed


def test_listed_browsers_can_also_need_a_minimum():
    policy = AllowOnly(["chrome", "safari"], minimum=Minimum.preset("modern"))
    assert policy(CHROME).allowed
    assert policy(OLD_SAFARI).rule == "safari<17.2"
    assert policy(OPERA).rule == "allow_only:opera"


def test_legacy_names_are_accepted():
    assert AllowOnly(["msie"])(Client(browser="ie", version=(11,))).allowed


@pytest.mark.parametrize(
    ("browsers", "message"),
    [
        (["chrome", "safarii"], r"^\[1\]: unknown browser 'safarii' \(did you mean 'safari'\?\)"),
        ([], "expected at least one browser"),
        ("chrome", "expected a list of browsers"),
        ([3], r"^\[0\]: expected a browser name, got 3"),
    ],
)
def test_bad_lists_fail_at_construction(browsers, message):
    with pytest.raises(ValueError, match=message):
        AllowOnly(browsers)
