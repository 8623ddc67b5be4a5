"""browserslist-stats.json and the caniuse import CSV, and jreject query reading them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from jreject.analyze import analyze
from jreject.analyze.stats import (
    _caniuse_key,
    browserslist_stats,
    browserslist_stats_json,
    caniuse_import_csv,
)

from .logs import CHROME, IE6, combined

IOS_15_3 = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 15_3 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/15.3 Mobile/15E148 Safari/604.1"
)


@pytest.fixture
def report(tmp_path, default_policy):
    lines = [combined(f"10.0.0.{i}", "01/Mar/2024", CHROME) for i in range(6)]
    lines += [combined(f"10.0.1.{i}", "01/Mar/2024", IE6) for i in range(3)]
    lines += [combined("10.0.2.1", "01/Mar/2024", IOS_15_3)]
    lines += [
        combined("66.249.66.1", "01/Mar/2024", "Googlebot/2.1 (+http://www.google.com/bot.html)")
    ]
    path = tmp_path / "a.log"
    path.write_text("\n".join(lines) + "\n")
    return analyze([str(path)], default_policy)


def test_browserslist_stats_are_percent_of_human_visitors(report):
    stats = browserslist_stats(report)
    assert stats == {"chrome": {"130": 60.0}, "ie": {"6": 30.0}, "ios_saf": {"15.2-15.3": 10.0}}


@pytest.mark.parametrize(
    ("version", "key"),
    [("17.2", "17.2"), ("15.3", "15.2-15.3"), ("120.0", "120"), ("999", None), ("", None)],
)
def test_caniuse_key(version, key):
    assert _caniuse_key(["15.2-15.3", "17.2", "120"], version) == key


def test_jreject_query_selects_from_the_stats_file(report, tmp_path):
    from typer.testing import CliRunner

    from jreject.cli import app

    path = tmp_path / "browserslist-stats.json"
    path.write_text(browserslist_stats_json(report))
    result = CliRunner().invoke(app, ["query", "> 20% in my stats", "--stats", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["chrome", "130", "ie", "6"]


def test_caniuse_csv_has_ga4_columns_and_no_bots(report):
    rows = list(csv.DictReader(io.StringIO(caniuse_import_csv(report))))
    assert list(rows[0]) == [
        "Browser",
        "Browser version",
        "Views",
        "Operating system",
        "OS version",
        "Device category",
    ]
    assert [(r["Browser"], r["Browser version"], r["Views"]) for r in rows] == [
        ("Chrome", "130", "6"),
        ("Internet Explorer", "6", "3"),
        ("Safari", "15", "1"),
    ]
    assert json.dumps(rows).count("Googlebot") == 0
