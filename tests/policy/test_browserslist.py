from __future__ import annotations

import pytest

from jreject.browserslist import BrowserslistError
from jreject.detect.client import Client
from jreject.errors import PolicyValueError
from jreject.policy.base import Policy
from jreject.policy.browserslist import (
    Browserslist,
    RequireFeatures,
    browserslist_tier,
    require_tier,
)


def client(browser, name, version, agent=None, caniuse=None, **extra):
    return Client(
        browser=browser,
        browser_name=name,
        version=version,
        caniuse_agent=agent or browser,
        caniuse_version=caniuse if caniuse is not None else version,
        **extra,
    )


CHROME_60 = client("chrome", "Chrome", (60,))
SAFARI_10_1 = client("safari", "Safari", (10, 1))
CHROME_IOS = client("chrome_ios", "Chrome on iOS", (131,), "ios_saf", (10, 3))


def test_the_old_package_path_still_works_with_a_deprecation_warning():
    import jreject.browserslist as package

    with pytest.warns(DeprecationWarning, match="jreject.policy.browserslist"):
        assert package.Browserslist is Browserslist
    with pytest.warns(DeprecationWarning, match="jreject.policy.browserslist"):
        assert package.RequireFeatures is RequireFeatures


def test_policies_satisfy_the_policy_protocol():
    assert isinstance(Browserslist("defaults"), Policy)
    assert isinstance(RequireFeatures(["fetch"]), Policy)


def test_browserslist_policy_rejects_uncovered_clients_with_a_reason():
    policy = Browserslist("chrome >= 100", action="block")
    verdict = policy(CHROME_60)
    assert not verdict.allowed
    assert verdict.action == "block"
    assert verdict.rule == "browserslist: chrome >= 100"
    assert verdict.reasons == ("Chrome 60 is not covered by `chrome >= 100`",)
    assert policy(client("chrome", "Chrome", (200,))).allowed  # newer than the data


def test_browserslist_policy_judges_chrome_for_android_by_desktop_versions():
    # caniuse has one and_chr version; mobileToDesktop gives it Chrome's history.
    policy = Browserslist("and_chr >= 100")
    assert policy(client("chrome_android", "Chrome", (120,), "and_chr")).allowed
    assert not policy(client("chrome_android", "Chrome", (90,), "and_chr")).allowed
    only_latest = Browserslist("and_chr >= 100", mobile_to_desktop=False)
    assert not only_latest(client("chrome_android", "Chrome", (120,), "and_chr")).allowed


def test_chrome_on_ios_is_judged_by_its_webkit_version():
    verdict = Browserslist("ios >= 15")(CHROME_IOS)
    assert not verdict.allowed
    assert verdict.reasons == ("Chrome on iOS 131 (WebKit 10.3) is not covered by `ios >= 15`",)


def test_frozen_ios_version_is_never_a_reason_to_reject():
    frozen = client("safari", "Safari", (18, 7), "ios_saf", (12, 0), os_version_frozen=True)
    assert Browserslist("ios >= 15")(frozen).allowed


def test_unknown_clients_are_allowed_unless_configured():
    nobody = Client()
    assert Browserslist("defaults")(nobody).allowed
    assert not Browserslist("defaults", unknown="reject")(nobody).allowed


def test_a_bad_query_fails_at_construction():
    with pytest.raises(BrowserslistError):
        Browserslist("defaults and nonsense")


@pytest.mark.parametrize("query", ["chrome > 9999", "", []])
def test_a_query_that_selects_no_browser_fails_at_construction(query):
    # browserslist itself answers [] here; a policy covering nothing would reject everyone.
    with pytest.raises(ValueError, match="selects no browser, so every browser would be rejected"):
        Browserslist(query)


def test_a_project_config_that_selects_no_browser_fails_at_construction(tmp_path):
    (tmp_path / ".browserslistrc").write_text("chrome > 9999\n")
    with pytest.raises(ValueError, match=r"^the project's browserslist config selects no browser"):
        Browserslist(None, path=str(tmp_path))


def test_require_features_names_what_is_missing():
    policy = RequireFeatures(["css-grid", "es6-module", "fetch"])
    verdict = policy(SAFARI_10_1)
    assert not verdict.allowed
    assert verdict.reasons == ("Safari 10.1 lacks es6-module",)
    assert policy(CHROME_60).reasons == ("Chrome 60 lacks es6-module",)
    assert policy(client("chrome", "Chrome", (61,))).allowed


def test_a_version_caniuse_skipped_is_judged_by_its_chromium_version():
    # caniuse keeps only UC Browser's newest version (15.5): UC 13.4 (Chrome 78 inside)
    # is not "lacking fetch", the data just says nothing about it.
    policy = RequireFeatures(["fetch", "es6-module"])
    uc = client("uc", "UC Browser", (13, 4), "and_uc", chromium_version=(78,))
    assert policy(uc).allowed
    old_uc = client("uc", "UC Browser", (11, 0), "and_uc", chromium_version=(57,))
    assert policy(old_uc).reasons == ("UC Browser 11.0 (Chromium 57) lacks es6-module",)


def test_a_version_caniuse_skipped_without_a_chromium_version_is_unknown():
    policy = RequireFeatures(["fetch"])
    uc = client("uc", "UC Browser", (13, 4), "and_uc")
    assert policy.missing(uc) is None
    assert policy(uc).reasons == ("UC Browser 13.4: not in caniuse data, not judged",)
    assert not RequireFeatures(["fetch"], unknown="reject")(uc).allowed


def test_a_version_older_than_the_data_still_lacks_what_it_lacks():
    # Chrome 4 predates fetch, and caniuse has Chrome 4: a real answer, not a gap.
    assert RequireFeatures(["fetch"])(client("chrome", "Chrome", (4,))).reasons == (
        "Chrome 4 lacks fetch",
    )


def test_partial_support_can_be_enough():
    strict = RequireFeatures(["css-grid"])
    lenient = RequireFeatures(["css-grid"], partial=True)
    ie11 = client("ie", "Internet Explorer", (11,))
    assert not strict(ie11).allowed
    assert lenient(ie11).allowed


def test_unknown_feature_fails_at_construction():
    with pytest.raises(ValueError, match=r"`css-gird`\. Did you mean css-grid\?"):
        RequireFeatures(["css-gird"])


def test_tier_builders_accept_string_and_table_forms(tmp_path):
    (tmp_path / ".browserslistrc").write_text("chrome >= 100\n")
    assert browserslist_tier("defaults", {}, "modal").query == "defaults"
    from_file = browserslist_tier({"path": str(tmp_path)}, {}, "banner")
    assert from_file.action == "banner"
    assert not from_file(CHROME_60).allowed
    with pytest.raises(ValueError, match="unknown key 'quer'"):
        browserslist_tier({"quer": "defaults"}, {}, "modal")
    assert require_tier(["fetch"], {}, "log").features == ("fetch",)
    assert require_tier({"features": ["css-grid"], "partial": True}, {}, "modal").partial


@pytest.mark.parametrize(
    ("value", "key", "message"),
    [
        (5, "", "expected a query string, a list of them or a table, got 5"),
        ([1, 2], "[0]", "expected a query string, got 1"),
        ({"query": 5}, "query", "expected a query string or a list of them, got 5"),
        ({"query": ["defaults", 3]}, "query[1]", "expected a query string, got 3"),
        ({"path": 5}, "path", "expected a non-empty string, got 5"),
        ("", "", "expected a query such as \"defaults\", got ''"),
        ([], "", 'expected a query such as "defaults", got []'),
        (["", " "], "", "expected a query such as \"defaults\", got ['', ' ']"),
        ({"query": ""}, "query", "expected a query such as \"defaults\", got ''"),
        ({"query": "defaults", "env": 5}, "env", "expected a non-empty string, got 5"),
        (
            {"query": "defaults", "allow_higher_versions": "no"},
            "allow_higher_versions",
            "expected true or false, got 'no'",
        ),
        ({"query": "defaults", "ignore_minor": 1}, "ignore_minor", "expected true or false, got 1"),
        (
            {"query": "defaults", "unknown": "deny"},
            "unknown",
            "expected 'allow' or 'reject', got 'deny'",
        ),
    ],
)
def test_browserslist_tier_names_the_key_of_a_value_of_the_wrong_type(value, key, message):
    with pytest.raises(PolicyValueError) as caught:
        browserslist_tier(value, {}, "modal")
    assert (caught.value.key, caught.value.detail) == (key, message)


@pytest.mark.parametrize(
    ("value", "key", "message"),
    [
        ([1], "[0]", "expected a caniuse feature id, got 1"),
        ([], "", "expected at least one caniuse feature id, got []"),
        (
            "fetch",
            "",
            "expected a list of caniuse feature ids or a table with features, got 'fetch'",
        ),
        (
            # A string is not read one character at a time ("Unknown feature name `c`").
            {"features": "css-grid"},
            "features",
            "expected a list of caniuse feature ids, got 'css-grid'",
        ),
        (
            {"features": ["css-grid"], "partial": "no"},
            "partial",
            "expected true or false, got 'no'",
        ),
        (
            {"features": ["fetch"], "mobile_to_desktop": 0},
            "mobile_to_desktop",
            "expected true or false, got 0",
        ),
        (
            {"features": ["fetch"], "unknown": 1},
            "unknown",
            "expected 'allow' or 'reject', got 1",
        ),
        (
            {"features": ["fetch"], "partal": True},
            "partal",
            "unknown key 'partal': expected one of features, partial, mobile_to_desktop, unknown",
        ),
    ],
)
def test_require_tier_names_the_key_of_a_value_of_the_wrong_type(value, key, message):
    with pytest.raises(PolicyValueError) as caught:
        require_tier(value, {}, "modal")
    assert (caught.value.key, caught.value.detail) == (key, message)


def test_tier_builders_keep_every_well_typed_option():
    policy = browserslist_tier(
        {"query": ["chrome >= 100"], "ignore_minor": True, "unknown": "reject"}, {}, "block"
    )
    assert (policy.query, policy.ignore_minor, policy.unknown) == (
        ["chrome >= 100"],
        True,
        "reject",
    )
    required = require_tier(
        {"features": ["fetch"], "mobile_to_desktop": False, "unknown": "reject"}, {}, "log"
    )
    assert (required.mobile_to_desktop, required.unknown) == (False, "reject")


def test_the_old_module_path_still_imports_with_a_deprecation_warning():
    import importlib
    import sys

    sys.modules.pop("jreject.browserslist.policy", None)
    with pytest.warns(DeprecationWarning, match="jreject.policy.browserslist"):
        old = importlib.import_module("jreject.browserslist.policy")
    assert old.Browserslist is Browserslist
