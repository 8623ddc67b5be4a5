from __future__ import annotations

from jreject.browserslist import browserslist
from jreject.browserslist.match import Coverage, MatchOptions, version_bounds
from jreject.data import load


def newest(agent):
    versions = load().agents[agent].versions
    return versions[load().agents[agent].released_count - 1].version


def test_version_bounds_reads_caniuse_versions():
    assert version_bounds("15.2-15.3") == ((15, 2), (15, 3))
    assert version_bounds("4.4.3-4.4.4") == ((4, 4, 3), (4, 4, 4))
    assert version_bounds("120") == ((120,), (120,))
    assert version_bounds("all") == ((), ())
    assert version_bounds("TP") is None


def test_a_version_newer_than_the_data_is_covered_by_default():
    coverage = Coverage(browserslist("last 2 chrome versions"))
    brand_new = int(newest("chrome")) + 5
    assert coverage.covers("chrome", (brand_new, 0, 7000)) is True
    strict = Coverage(coverage.browsers, MatchOptions(allow_higher_versions=False))
    assert strict.covers("chrome", (brand_new,)) is False


def test_allow_higher_versions_covers_unselected_versions_above_the_floor():
    coverage = Coverage(["chrome 100", "chrome 120"])
    assert coverage.covers("chrome", (110,)) is True
    assert coverage.covers("chrome", (99,)) is False
    exact = Coverage(coverage.browsers, MatchOptions(allow_higher_versions=False))
    assert exact.covers("chrome", (110,)) is False
    assert exact.covers("chrome", (120, 0, 6099)) is True


def test_edge_100_and_later_compare_as_numbers():
    coverage = Coverage(browserslist("edge >= 100"))
    assert coverage.covers("edge", (100,)) is True
    assert coverage.covers("edge", (131, 0, 2903)) is True
    assert coverage.covers("edge", (99,)) is False
    assert coverage.covers("edge", (18,)) is False


def test_samsung_internet_versions_match_their_caniuse_entries():
    coverage = Coverage(browserslist("samsung >= 20"), MatchOptions(allow_higher_versions=False))
    assert coverage.covers("samsung", (23, 0)) is True
    assert coverage.covers("samsung", (19, 0)) is False


def test_ios_browsers_match_by_webkit_version_in_joined_ranges():
    coverage = Coverage(
        browserslist("ios_saf 15.2-15.3"), MatchOptions(allow_higher_versions=False)
    )
    assert coverage.covers("ios_saf", (15, 2)) is True
    assert coverage.covers("ios_saf", (15, 3, 1)) is True
    assert coverage.covers("ios_saf", (15, 4)) is False


def test_minor_versions_count_for_safari_unless_ignored():
    coverage = Coverage(["safari 17.2"])
    assert coverage.covers("safari", (17, 0)) is False
    assert coverage.covers("safari", (17, 2, 1)) is True  # patch ignored
    loose = Coverage(["safari 17.2"], MatchOptions(ignore_minor=True))
    assert loose.covers("safari", (17, 0)) is True


def test_patch_counts_when_asked_and_the_data_has_it():
    coverage = Coverage(["android 4.4.3-4.4.4"], MatchOptions(ignore_patch=False))
    assert coverage.covers("android", (4, 4, 4)) is True
    assert coverage.covers("android", (4, 4, 2)) is False


def test_opera_mini_has_no_version():
    assert Coverage(["op_mini all"]).covers("op_mini", ()) is True
    assert Coverage(["chrome 120"]).covers("op_mini", ()) is False


def test_unknown_agent_or_version_is_none():
    coverage = Coverage(["chrome 120"])
    assert coverage.covers(None, (120,)) is None
    assert coverage.covers("netscape", (4,)) is None
    assert coverage.covers("chrome", ()) is None


def test_an_agent_without_selected_versions_is_not_covered():
    assert Coverage(["chrome 120"]).covers("firefox", (200,)) is False
