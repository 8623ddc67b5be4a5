from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from jreject.browserslist import Options, browserslist


@pytest.fixture
def run(monkeypatch, tmp_path):
    for name in ("BROWSERSLIST", "BROWSERSLIST_CONFIG", "BROWSERSLIST_ENV", "NODE_ENV"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args):
        from jreject.cli import _build_app

        return runner.invoke(_build_app(), ["query", *args])

    return invoke


def test_prints_one_browser_per_line_like_npx_browserslist(run):
    result = run("defaults and not dead")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == browserslist("defaults and not dead")


def test_json_output_has_the_browsers_key(run):
    result = run("safari 17.2-17.4", "--json")
    assert json.loads(result.stdout) == {"browsers": ["safari 17.4", "safari 17.3", "safari 17.2"]}


def test_min_prints_the_oldest_version_per_browser(run):
    result = run("chrome >= 120, safari >= 17", "--min")
    lines = result.stdout.splitlines()
    assert lines == ["chrome 120", "safari 17.0"]


def test_features_print_the_minimum_versions_they_imply(run):
    result = run("--features", "css-grid,es6-module")
    lines = dict(line.split(" ") for line in result.stdout.splitlines())
    assert lines["chrome"] == "61"
    assert lines["safari"] == "11"


def test_without_a_query_the_project_config_is_used(run, tmp_path):
    (tmp_path / ".browserslistrc").write_text("[production]\nie 11\n[development]\nie 10\n")
    assert run().stdout.splitlines() == ["ie 11"]
    assert run("--env", "development").stdout.splitlines() == ["ie 10"]


def test_query_errors_point_at_the_token_and_exit_2(run):
    result = run("defaults and foo bar")
    assert result.exit_code == 2
    assert "Unknown browser query `foo bar`" in result.stderr
    assert "^^^^^^^" in result.stderr


def test_mobile_to_desktop_option(run):
    result = run("and_chr 120", "--mobile-to-desktop")
    assert result.stdout.splitlines() == browserslist(
        "and_chr 120", Options(mobile_to_desktop=True)
    )


def test_a_query_and_features_together_are_refused(run):
    result = run("ie 6", "--features", "css-grid")
    assert result.exit_code == 2
    assert "give a query or --features, not both" in result.stderr


@pytest.mark.parametrize("query", ["since " + "9" * 400, "last " + "9" * 5000 + " versions"])
def test_a_huge_number_in_a_query_is_answered_without_a_traceback(run, query):
    result = run(query)
    assert result.exit_code == 0, result.output
    assert result.exception is None
