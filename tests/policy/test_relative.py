from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from jreject.data import Agent, AgentVersion, BrowserData, load
from jreject.data.support import supported_safari_majors
from jreject.detect.client import Client
from jreject.policy.relative import Relative

START = datetime(2025, 1, 7, tzinfo=UTC)


def agent(agent_id, name, versions, *, step_weeks=4, unreleased=()):
    released = tuple(
        AgentVersion(v, START + timedelta(weeks=step_weeks * i)) for i, v in enumerate(versions)
    )
    return Agent(agent_id, name, released + tuple(AgentVersion(v, None) for v in unreleased))


CHROME_MAJORS = [str(m) for m in range(100, 111)]
DATA = BrowserData(
    agents={
        "chrome": agent("chrome", "Chrome", CHROME_MAJORS, unreleased=("111", "112")),
        "edge": agent("edge", "Edge", CHROME_MAJORS),
        "firefox": agent("firefox", "Firefox", [str(m) for m in range(120, 131)]),
        "and_chr": Agent("and_chr", "Chrome for Android", (AgentVersion("110", START),)),
        "safari": agent("safari", "Safari", ["15.6", "16.0", "16.4", "17.0", "18.0", "26.0"]),
        "ios_saf": agent("ios_saf", "Safari on iOS", ["15.2-15.3", "16.0", "17.0", "18.0", "26.0"]),
        "op_mini": Agent("op_mini", "Opera Mini", (AgentVersion("all", START),)),
    },
    caniuse_lite="test",
    browserslist="test",
    firefox_esr=("122",),
    generated="2025-06-01",
)
# chrome 110 shipped START + 40 weeks; 109 (odd) at +36 weeks; 108 at +32, 107 at +28.
TODAY = (START + timedelta(weeks=41)).date()


def policy(n=2, **kwargs):
    kwargs.setdefault("today", TODAY)
    return Relative(n, data=DATA, **kwargs)


def chrome(major, browser="chrome", name="Chrome", agent_id="chrome"):
    return Client(
        browser=browser,
        browser_name=name,
        version=(major, 0),
        caniuse_agent=agent_id,
        caniuse_version=(major, 0),
    )


def test_latest_minus_n_majors_are_allowed():
    assert policy(2)(chrome(108)).allowed
    assert policy(0)(chrome(110)).allowed


def test_older_is_rejected_with_the_floor_in_the_reason():
    verdict = policy(2)(chrome(105))
    assert not verdict.allowed
    assert verdict.rule == "chrome<108"
    assert verdict.reasons == (
        "Chrome 105.0 is more than 2 major versions behind the latest Chrome 110 (minimum 108)",
    )


def test_a_version_newer_than_the_data_is_allowed():
    assert policy(0)(chrome(150)).allowed


def test_unreleased_versions_do_not_move_the_floor():
    assert policy(0)(chrome(110)).allowed


def test_mobile_agents_without_history_use_the_desktop_history():
    old = chrome(100, agent_id="and_chr")
    assert policy(2)(old).rule == "and_chr<108"
    assert policy(2)(chrome(109, agent_id="and_chr")).allowed


def test_extended_stable_is_supported_until_eight_weeks_after_its_successor():
    # 106 is even; 107 shipped START + 28 weeks, so 106 is supported until + 36 weeks.
    old = chrome(106)
    assert policy(0, today=(START + timedelta(weeks=35)).date())(old).allowed
    verdict = policy(0, today=(START + timedelta(weeks=37)).date())(old)
    assert not verdict.allowed


def test_extended_stable_reason_says_why():
    verdict = policy(0, today=(START + timedelta(weeks=35)).date())(chrome(106))
    assert verdict.reasons == (
        "Chrome 106.0 is an Extended Stable release its vendor still supports",
    )


def test_odd_milestones_are_never_extended_stable():
    assert not policy(0, today=(START + timedelta(weeks=35)).date())(chrome(105)).allowed


def test_extended_stable_applies_to_edge_but_not_other_chromium_browsers():
    today = (START + timedelta(weeks=35)).date()
    assert policy(0, today=today)(chrome(106, "edge", "Microsoft Edge", "edge")).allowed
    assert not policy(0, today=today)(chrome(106, "brave", "Brave", "chrome")).allowed


def test_firefox_esr_is_never_outdated():
    esr = Client(
        browser="firefox",
        browser_name="Firefox",
        version=(122, 0),
        caniuse_agent="firefox",
        caniuse_version=(122, 0),
    )
    verdict = policy(2)(esr)
    assert verdict.allowed
    assert "ESR" in verdict.reasons[0]
    older = Client(browser="firefox", caniuse_agent="firefox", caniuse_version=(121, 0))
    assert not policy(2)(older).allowed


def safari(version, agent_id="safari", browser="safari", **fields):
    return Client(
        browser=browser,
        browser_name="Safari",
        version=version,
        caniuse_agent=agent_id,
        caniuse_version=version,
        **fields,
    )


def test_safari_on_a_still_supported_os_is_never_outdated():
    supported = max(supported_safari_majors("ios_saf") - {26})
    verdict = policy(0)(safari((supported, 7), "ios_saf"))
    assert verdict.allowed
    assert verdict.reasons == (f"Safari {supported}.7 runs on an OS Apple still supports",)


def test_safari_on_an_unsupported_os_is_outdated():
    unsupported = min(supported_safari_majors("safari")) - 1
    assert not policy(0)(safari((unsupported, 0))).allowed


def test_ios_browsers_are_judged_as_ios_safari():
    old = safari((14, 0), "ios_saf", "chrome_ios", os="ios")
    verdict = policy(1)(old)
    assert not verdict.allowed
    assert verdict.rule == "ios_saf<18"


def test_ios_browser_with_frozen_os_version_is_not_judged():
    frozen = safari((13, 0), "ios_saf", "chrome_ios", os="ios", os_version_frozen=True)
    assert policy(0)(frozen).allowed


def test_clients_without_release_data_are_allowed():
    assert policy(0)(Client()).allowed
    assert policy(0)(Client(browser="opera_mini", caniuse_agent="op_mini")).allowed
    assert policy(0)(Client(browser="chrome", caniuse_agent="chrome")).allowed


def test_bundled_data_gives_latest_minus_two():
    data = load()
    majors = sorted({int(v.version.split(".")[0]) for v in data.agents["chrome"].released_versions})
    relative = Relative(2)
    assert relative(chrome(majors[-3])).allowed
    # An odd milestone, so Extended Stable cannot excuse it.
    below = next(m for m in reversed(majors[:-3]) if m % 2)
    assert not relative(chrome(below)).allowed


@pytest.mark.parametrize("bad", [-1, 1.5, True, "2"])
def test_latest_minus_must_be_a_whole_number(bad):
    with pytest.raises(ValueError, match="latest_minus: expected"):
        Relative(bad, data=DATA, today=date(2025, 1, 1))


UC_DATA = BrowserData(
    agents={
        **DATA.agents,
        # caniuse keeps only UC Browser's newest version.
        "and_uc": Agent("and_uc", "UC Browser for Android", (AgentVersion("15.5", START),)),
    },
    caniuse_lite="test",
    browserslist="test",
    firefox_esr=("122",),
    generated="2025-06-01",
)


def uc(major, chromium=None):
    return Client(
        browser="uc",
        browser_name="UC Browser",
        version=(major, 4),
        caniuse_agent="and_uc",
        caniuse_version=(major, 4),
        chromium_version=chromium or (),
    )


def test_an_agent_with_too_little_history_is_judged_by_its_chromium_version():
    # One UC release in the data says nothing about how far behind UC 13 is; its
    # Chromium version does.
    relative = Relative(2, today=TODAY, data=UC_DATA)
    assert relative(uc(13, chromium=(109,))).allowed
    verdict = relative(uc(13, chromium=(78,)))
    assert verdict.rule == "chrome<108"
    assert verdict.reasons == (
        "UC Browser 13.4 (Chromium 78) is more than 2 major versions behind the latest "
        "Chrome 110 (minimum 108)",
    )


def test_an_agent_with_too_little_history_and_no_chromium_version_is_not_judged():
    verdict = Relative(2, today=TODAY, data=UC_DATA)(uc(13))
    assert verdict.allowed
    assert verdict.reasons == (
        "UC Browser 13.4: UC Browser for Android has too little release history in the data, "
        "not judged",
    )
