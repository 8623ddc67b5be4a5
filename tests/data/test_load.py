from __future__ import annotations

from datetime import timedelta

import pytest

from jreject import data


def test_bundled_data_records_its_sources():
    bundled = data.load()
    assert bundled.source == "bundled"
    assert bundled.caniuse_lite.startswith("1.0.")
    assert bundled.browserslist.startswith("4.")
    assert bundled.baseline_browser_mapping
    assert bundled.constants is not None
    assert bundled.firefox_esr == (bundled.constants.firefox_esr,)
    chrome = bundled.agents["chrome"]
    assert 0 < chrome.released_count < len(chrome.versions)
    assert chrome.usage


def test_no_warning_for_fresh_data_and_one_after_six_months():
    newest = data.load().latest_release
    assert newest is not None
    assert data.data_age_warning(newest + timedelta(days=30)) is None
    warning = data.data_age_warning(newest.replace(day=1) + timedelta(days=200))
    assert warning is not None
    assert "months old" in warning
    assert "jreject data update" in warning


def test_data_dir_variable_points_at_another_data_set(tmp_path, monkeypatch):
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    data.reload()
    try:
        with pytest.raises(data.DataError, match=data.DATA_DIR_ENV + ".*jreject data update"):
            data.load()
    finally:
        monkeypatch.delenv(data.DATA_DIR_ENV)
        data.reload()


def test_incomplete_user_directory_is_ignored(user_dir):
    user_dir.mkdir(parents=True)
    (user_dir / "current").write_text("missing")
    assert data.load().source == "bundled"


def test_warn_if_stale_logs_once_per_process(monkeypatch, caplog):
    monkeypatch.setattr(data, "_WARNED", [])
    newest = data.load().latest_release
    late = newest.replace(year=newest.year + 1)
    with caplog.at_level("WARNING", logger="jreject"):
        assert data.warn_if_stale(now=late) is True
        assert data.warn_if_stale(now=late) is False
    assert len([r for r in caplog.records if "months old" in r.getMessage()]) == 1


def test_warn_if_stale_is_quiet_for_fresh_data(monkeypatch, caplog):
    monkeypatch.setattr(data, "_WARNED", [])
    with caplog.at_level("WARNING", logger="jreject"):
        assert data.warn_if_stale(now=data.load().latest_release) is False
    assert not caplog.records
