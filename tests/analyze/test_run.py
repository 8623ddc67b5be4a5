"""analyze() end to end: report contents, guessing, refusing empty results, Ctrl-C."""

from __future__ import annotations

import gzip
import json
import random

import pytest

from jreject.analyze import AnalyzeError, analyze
from jreject.analyze.formats import named_format

from .logs import CHROME, IE6, combined


def test_report_of_a_small_log(small_log, two_policies):
    report = analyze([str(small_log)], two_policies)
    assert report.format == "combined (guessed)"
    assert (report.lines, report.blank, report.malformed, report.requests) == (7, 1, 1, 5)
    assert [(e.line, e.text) for e in report.examples] == [(4, "this is not a log line")]
    default, strict = report.totals(0), report.totals(1)
    assert {k: v.requests for k, v in default.items()} == {
        "allowed": 3,
        "warned": 1,
        "blocked": 0,
        "logged": 0,
        "bot": 1,
    }
    assert {k: v.requests for k, v in strict.items()} == {
        "allowed": 2,
        "warned": 0,
        "blocked": 1,
        "logged": 1,
        "bot": 1,
    }
    # Chrome: one IP on two days is two visitor-days.
    assert report.visitors == 5
    assert report.visitors_exact
    assert [r.label for r in report.affected(1)] == ["Internet Explorer 6", "Firefox 52"]
    assert ("2023-10-11", "Bots", 1) in report.timeline


def test_browsers_group_by_major_version_without_bots(small_log, two_policies):
    rows = analyze([str(small_log)], two_policies).browsers()
    assert [(b.browser_name, b.version, b.requests, b.affected) for b in rows] == [
        ("Chrome", "130", 2, (0, 0)),
        ("Firefox", "52", 1, (0, 1)),
        ("Internet Explorer", "6", 1, (1, 1)),
    ]


def test_many_files_add_up(small_log, default_policy):
    once = analyze([str(small_log)], default_policy)
    twice = analyze([str(small_log), str(small_log)], default_policy)
    assert twice.requests == 2 * once.requests
    # The same visitors on the same days: not counted twice.
    assert twice.visitors == once.visitors


def test_nothing_readable_is_an_error_not_an_empty_report(tmp_path, default_policy):
    path = tmp_path / "junk.log"
    path.write_text("garbage one\ngarbage two\n")
    with pytest.raises(AnalyzeError, match=r"none of the 2 lines .* check --format"):
        analyze([str(path)], default_policy, fmt=named_format("json"))


def test_empty_log_is_an_error(tmp_path, default_policy):
    path = tmp_path / "empty.log"
    path.write_text("\n\n")
    with pytest.raises(AnalyzeError, match="no lines"):
        analyze([str(path)], default_policy)


def test_a_wrong_guess_is_said_and_suggests_format(tmp_path, default_policy):
    path = tmp_path / "passwd"
    path.write_text("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n")
    report = analyze([str(path)], default_policy)
    assert report.format == "plain (guessed)"
    assert any("give --format" in w for w in report.warnings)


@pytest.mark.parametrize("fmt", [None, named_format("plain")])
def test_binary_input_is_said_not_to_look_like_user_agents(tmp_path, default_policy, fmt):
    # Detection calls many short junk strings bots, so "unknown browser" alone misses it.
    path = tmp_path / "random.bin"
    path.write_bytes(random.Random(7).randbytes(100_000))
    report = analyze([str(path)], default_policy, fmt=fmt)
    (warning,) = [w for w in report.warnings if "not text" in w]
    assert "does not look like a log of User-Agents" in warning
    assert ("give --format" in warning) == (fmt is None)


def test_mostly_malformed_lines_warn(tmp_path, default_policy):
    path = tmp_path / "mixed.log"
    path.write_text(combined("1.1.1.1", "01/Mar/2024", CHROME) + "\nx\ny\nz\n")
    report = analyze([str(path)], default_policy, fmt=named_format("combined"))
    assert any("3 of 4 lines" in w and "check --format" in w for w in report.warnings)


def test_standard_input_needs_a_format(default_policy):
    with pytest.raises(AnalyzeError, match="give --format"):
        analyze(["-"], default_policy)


def test_ctrl_c_reports_what_was_counted(tmp_path, default_policy):
    path = tmp_path / "a.log"
    path.write_text("\n".join([combined("1.1.1.1", "01/Mar/2024", IE6)] * 50) + "\n")
    calls = []

    def progress(lines, read, name):
        calls.append(lines)
        if len(calls) == 2:
            raise KeyboardInterrupt

    report = analyze(
        [str(path)], default_policy, fmt=named_format("combined"), block_size=400, progress=progress
    )
    assert report.interrupted
    assert 0 < report.requests < 50
    assert report.requests == sum(calls)


def test_json_and_csv_user_agents_are_read_as_sent(tmp_path, default_policy):
    sent = "Back\\slash agent/2.0"
    json_log = tmp_path / "access.json"
    json_log.write_text(json.dumps({"ip": "10.0.0.1", "user_agent": sent}) + "\n", "utf-8")
    csv_log = tmp_path / "access.csv"
    csv_log.write_text(f"ip,user_agent\n10.0.0.1,{sent}\n", "utf-8")
    for path, fmt in ((json_log, "json"), (csv_log, "csv")):
        report = analyze([str(path)], default_policy, fmt=named_format(fmt))
        assert [row.user_agent for row in report.uas] == [sent]


def test_escaped_utf8_in_a_combined_log_is_read_as_utf8(tmp_path, default_policy):
    path = tmp_path / "access.log"
    path.write_text(combined("10.0.0.1", "10/Oct/2023", "Caf\\xC3\\xA9/1.0") + "\n", "utf-8")
    report = analyze([str(path)], default_policy)
    assert [row.user_agent for row in report.uas] == ["Caf\u00e9/1.0"]


def test_a_truncated_gzip_counts_what_it_holds_and_says_so(tmp_path, default_policy):
    lines = [combined("10.0.0.1", "10/Oct/2023", CHROME)] * 20_000
    whole = tmp_path / "access.log"
    whole.write_text(combined("10.0.0.2", "10/Oct/2023", IE6) + "\n", "utf-8")
    cut = tmp_path / "access.log.2.gz"
    cut.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode())[:-20])
    report = analyze([str(whole), str(cut)], default_policy)
    assert 19_000 < report.requests < 20_001
    assert [w for w in report.warnings if str(cut) in w and "truncated" in w]


def test_a_log_cut_before_its_first_line_is_named_in_the_error(tmp_path, default_policy):
    cut = tmp_path / "access.log.2.gz"
    cut.write_bytes(gzip.compress(b"x" * 10_000)[:30])
    with pytest.raises(AnalyzeError, match=r"access\.log\.2\.gz.*truncated"):
        analyze([str(cut)], default_policy, fmt=named_format("combined"))


def test_a_guess_on_a_log_cut_before_its_first_line_names_it(tmp_path, default_policy):
    cut = tmp_path / "access.log.2.gz"
    cut.write_bytes(gzip.compress(b"x" * 10_000)[:30])
    with pytest.raises(AnalyzeError, match=r"access\.log\.2\.gz.*truncated"):
        analyze([str(cut)], default_policy)


def test_ctrl_c_inside_a_block_leaves_lines_and_requests_in_step(
    tmp_path, default_policy, monkeypatch
):
    # "the counts of the first N lines": N must be the lines whose requests were counted,
    # wherever in a block the interrupt lands.
    import polars as pl

    path = tmp_path / "a.log"
    path.write_text("\n".join([combined("1.1.1.1", "01/Mar/2024", IE6)] * 50) + "\n")
    real = pl.collect_all
    calls = []

    def interrupted_collect(frames):
        calls.append(frames)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(frames)

    monkeypatch.setattr(pl, "collect_all", interrupted_collect)
    report = analyze([str(path)], default_policy, fmt=named_format("combined"), block_size=400)
    assert report.interrupted
    assert report.lines == report.requests + report.malformed + report.blank
