"""Terminal tables, JSON and CSV output."""

from __future__ import annotations

import csv
import io
import json
import re

from rich.console import Console

from jreject.analyze import analyze
from jreject.analyze.report_text import CSV_COLUMNS, print_problems, print_report, to_csv, to_json


def test_json_has_totals_per_policy_and_every_user_agent(small_log, two_policies):
    data = json.loads(to_json(analyze([str(small_log)], two_policies)))
    assert data["schema"] == 1
    assert [p["label"] for p in data["policies"]] == ["default", "strict"]
    assert data["policies"][1]["totals"]["blocked"] == {"requests": 1, "visitors": 1.0}
    assert len(data["user_agents"]) == 4
    assert data["malformed_examples"][0]["line"] == 4


def test_csv_has_one_row_per_user_agent_and_an_outcome_per_policy(small_log, two_policies):
    rows = list(csv.DictReader(io.StringIO(to_csv(analyze([str(small_log)], two_policies)))))
    assert list(rows[0])[: len(CSV_COLUMNS)] == list(CSV_COLUMNS)
    ie = next(r for r in rows if "MSIE" in r["user_agent"])
    assert (ie["outcome[default]"], ie["outcome[strict]"], ie["rule[strict]"]) == (
        "warned",
        "blocked",
        "msie",
    )


def test_visitor_counts_are_whole_numbers_in_json_and_csv(small_log, two_policies):
    # A count is entries × 2**level of the distinct sample: never a fraction, even estimated.
    report = analyze([str(small_log)], two_policies)
    text = to_json(report)
    assert not re.search(r'"visitors": \d+\.\d', text)
    data = json.loads(text)
    assert isinstance(data["visitors"], int)
    assert all(isinstance(ua["visitors"], int) for ua in data["user_agents"])
    rows = list(csv.DictReader(io.StringIO(to_csv(report))))
    assert all(row["visitors"].isdigit() for row in rows)


def test_terminal_report_shows_each_section(small_log, two_policies):
    console = Console(file=io.StringIO(), width=160, record=True)
    report = analyze([str(small_log)], two_policies)
    print_report(report, console)
    print_problems(report, console)
    text = console.export_text()
    for needle in (
        "Who each policy affects",
        "Browsers",
        "Most affected User-Agents: strict",
        "Internet Explorer 6",
        "1 malformed line skipped",
        "access.log:4: this is not a log line",
    ):
        assert needle in text


def test_user_agents_are_printed_literally_never_as_markup(tmp_path, default_policy):
    path = tmp_path / "ua.txt"
    path.write_text("[bold]odd:x:thing\n")
    console = Console(file=io.StringIO(), width=160, record=True)
    print_report(analyze([str(path)], default_policy), console)
    assert "[bold]odd:x:thing" in console.export_text()
