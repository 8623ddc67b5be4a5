"""``jreject analyze``: outputs, files written, exit codes, Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

pytest.importorskip("polars")

from jreject.analyze.generate import LogSpec, write_log
from jreject.cli import app

IE6 = "Mozilla/4.0 (compatible; MSIE 6.0; Windows NT 5.1)"
LINE = '10.0.0.1 - - [01/Mar/2024:10:00:00 +0000] "GET / HTTP/1.1" 200 5 "-" "{}"'


@pytest.fixture
def log(tmp_path) -> Path:
    path = tmp_path / "access.log"
    write_log(path, LogSpec(lines=1_500, distinct=80, garbage=0.01, seed=2))
    return path


@pytest.fixture
def strict(tmp_path) -> Path:
    path = tmp_path / "strict.toml"
    path.write_text('[[policy]]\nminimum = { preset = "modern" }\naction = "block"\n')
    return path


def invoke(*args: str, input: str | None = None):
    return CliRunner().invoke(app, ["analyze", *args], input=input)


def test_tables_on_stdout_problems_on_stderr(log, strict, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no jreject.toml found upward from here
    result = invoke(str(log), "-p", str(strict))
    assert result.exit_code == 0, result.output
    assert "Who each policy affects" in result.stdout
    assert "strict" in result.stdout
    assert "malformed line" in result.stderr


def test_json_and_csv(log, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # no jreject.toml found upward from here
    result = invoke(str(log), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    # Without a config, the recommended policy applies, and its column says so.
    assert [policy["label"] for policy in data["policies"]] == ["recommended policy"]
    assert data["requests"] + data["malformed"] + data["blank"] == data["lines"] == 1_500
    result = invoke(str(log), "--csv")
    assert result.stdout.startswith("user_agent,browser,version,")
    assert invoke(str(log), "--json", "--csv").exit_code == 2


def test_files_written(log, tmp_path):
    html, stats, ci = tmp_path / "r.html", tmp_path / "s.json", tmp_path / "c.csv"
    result = invoke(
        str(log),
        "--json",
        "--html",
        str(html),
        "--browserslist-stats",
        str(stats),
        "--caniuse-csv",
        str(ci),
    )
    assert result.exit_code == 0, result.output
    assert html.read_text().startswith("<!doctype html>")
    assert "chrome" in json.loads(stats.read_text())
    assert ci.read_text().startswith("Browser,Browser version,Views")


def test_standard_input_with_a_format():
    result = invoke("-", "--format", "combined", "--json", input=LINE.format(IE6) + "\n")
    assert result.exit_code == 0, result.output
    totals = json.loads(result.stdout)["policies"][0]["totals"]
    assert totals["warned"]["requests"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.log"], "cannot read missing.log"),
        (["{log}", "--format", "nope"], "unknown log format"),
        (["{log}", "--format", "json", "--json"], "none of the"),
        (["{log}", "--ua-field", "x"], "need --format"),
        (["{log}", "--engine", "spark"], "--engine"),
        (["{log}", "-p", "missing.toml"], "cannot read the file"),
    ],
)
def test_unusable_input_exits_2_with_a_message(log, args, message):
    result = invoke(*[a.format(log=log) for a in args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_ctrl_c_prints_what_was_counted_so_far(tmp_path):
    # A log on a pipe that never ends: the command waits for more, gets SIGINT, reports.
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from jreject.cli import main; main()",
            "analyze",
            "-",
            "--format",
            "combined",
            "--json",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdin is not None
    # Enough lines to fill a block, so some are counted before the signal.
    process.stdin.write(((LINE.format(IE6) + "\n") * 200_000).encode())
    process.stdin.flush()
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err.decode()
    data = json.loads(out)
    assert data["interrupted"] is True
    assert data["requests"] > 0
    assert b"interrupted" in err


def test_engine_dask_with_a_scheduler_address_gives_the_local_report(log):
    distributed = pytest.importorskip("distributed")
    local = json.loads(invoke(str(log), "--json").stdout)
    with distributed.LocalCluster(
        n_workers=1, processes=False, threads_per_worker=1, dashboard_address=":0"
    ) as cluster:
        result = invoke(
            str(log), "--json", "--engine", "dask", "--scheduler", cluster.scheduler_address
        )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == local


def test_progress_only_on_a_terminal(monkeypatch):
    from jreject.cli import analyze as command

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False)
    with command._progress(["a.log"]) as progress:
        assert progress is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with command._progress(["missing.log"]) as progress:
        assert callable(progress)
        progress(1000, 4096, "missing.log")


def test_terminal_sequences_in_logged_user_agents_are_shown_not_sent(tmp_path):
    ua = "Mozilla/4.0 (compatible; MSIE 6.0; \x1b]0;title\x07Windows NT 5.1)"
    log = tmp_path / "access.log"
    log.write_text("".join(LINE.format(ua) + "\n" for _ in range(3)))
    result = invoke(str(log))
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "\\x1b]0;title\\x07" in result.stdout


def test_top_sets_the_rows_of_the_html_tables_too(log, tmp_path):
    # --help: "Rows in each table."
    def browser_rows(page: str) -> int:
        table = page.split("<h2>Browsers</h2>", 1)[1].split("</table>", 1)[0]
        return table.count("<tr><td>")

    pages = []
    for top in ("2", "40"):
        html = tmp_path / f"top{top}.html"
        assert invoke(str(log), "--top", top, "--html", str(html)).exit_code == 0
        pages.append(html.read_text("utf-8"))
    assert browser_rows(pages[0]) == 2
    assert browser_rows(pages[1]) > 25


def test_scheduler_without_engine_dask_is_refused(log):
    # Not silently counted here: the user meant a cluster.
    result = invoke(str(log), "--scheduler", "tcp://127.0.0.1:8786")
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.stderr


@pytest.mark.parametrize("option", ["--html", "--browserslist-stats", "--caniuse-csv"])
def test_an_output_file_in_a_missing_directory_fails_before_reading(log, tmp_path, option):
    # Not after an hour of reading the logs.
    target = tmp_path / "missing" / "out"
    result = invoke("-", "--format", "combined", option, str(target), input="x\n" * 10)
    assert result.exit_code == 2
    assert f"cannot write {target}: no such directory" in result.stderr
