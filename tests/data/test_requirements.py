from __future__ import annotations

from datetime import UTC, date, datetime

from jreject.data import tables_age_warning
from jreject.data.requirements import AS_OF, REQUIREMENTS, installs_on
from jreject.data.support import AS_OF as SUPPORT_AS_OF
from jreject.notice.browsers import BROWSERS


def test_every_row_names_a_browser_on_a_platform_it_exists_on():
    for row in REQUIREMENTS:
        assert row.browser in BROWSERS, row
        assert row.platform in BROWSERS[row.browser].links, row


def test_every_row_has_a_source_and_says_since_when():
    for row in REQUIREMENTS:
        assert "https://" in row.source or row.source.startswith("follows Chromium"), row
        assert row.since, row
        assert row.checked <= date.today(), row


def test_an_inferred_row_follows_a_sourced_chrome_row_on_its_platform():
    sourced = {row.platform: row.min_os for row in REQUIREMENTS if row.browser == "chrome"}
    for row in REQUIREMENTS:
        if row.source.startswith("follows Chromium"):
            assert row.min_os == sourced[row.platform], row


def test_one_row_per_browser_and_platform():
    keys = [(row.browser, row.platform) for row in REQUIREMENTS]
    assert len(keys) == len(set(keys))


def test_the_table_is_dated():
    assert isinstance(AS_OF, date)
    assert date.today() >= AS_OF


def test_versions_compare_as_tuples_and_unknown_versions_pass():
    assert installs_on("firefox", "mac", (10, 15))
    assert not installs_on("firefox", "mac", (10, 14, 6))
    assert not installs_on("chrome", "mac", (12, 7))
    assert installs_on("chrome", "mac", (13,))
    assert installs_on("chrome", "linux", (1,))  # no row: not restricted
    assert installs_on("chrome", "windows", None)
    assert installs_on("chrome", "windows", ())


def test_tables_warn_a_year_after_their_review():
    newest = max(AS_OF, SUPPORT_AS_OF)
    oldest = min(AS_OF, SUPPORT_AS_OF)
    fresh = datetime(oldest.year, oldest.month, oldest.day, tzinfo=UTC)
    assert tables_age_warning(fresh) is None
    late = datetime(newest.year + 1, newest.month, newest.day, tzinfo=UTC)
    warning = tables_age_warning(late)
    assert "Safari support by OS" in warning
    assert "browser OS requirements" in warning
    assert "jreject.data.requirements" in warning
