"""A missing or corrupt data file is an operator's message and exit 2, from any command."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jreject import data
from jreject.cli import main
from jreject.cli.doctor import diagnose

BUNDLED = Path(data.__file__).parent
IE11 = "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko"


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A copy of the bundled data that JREJECT_DATA_DIR points at; truncate a file to break it."""
    for name in data.DATA_FILES:
        shutil.copy(BUNDLED / name, tmp_path / name)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    data.reload()
    yield tmp_path
    monkeypatch.delenv(data.DATA_DIR_ENV)
    data.reload()


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def doctor_in_a_fresh_process(cwd: Path, first_on_path: Path | None = None) -> list[dict]:
    """``jreject doctor --json``'s checks, run as the operator runs it (exit status 1)."""
    source = str(Path(data.__file__).parents[2])
    path = source if first_on_path is None else f"{first_on_path}{os.pathsep}{source}"
    done = subprocess.run(
        [sys.executable, "-m", "jreject", "doctor", "--json"],
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": path},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    checks: list[dict] = json.loads(done.stdout)["checks"]
    return checks


def run(monkeypatch, capsys, *args):
    monkeypatch.setattr(sys, "argv", ["jreject", *args])
    with pytest.raises(SystemExit) as stopped:
        main()
    return stopped.value.code, capsys.readouterr().err


@pytest.mark.parametrize(
    ("broken", "args"),
    [
        ("agents.json", ("check", IE11)),
        ("agents.json", ("query", "defaults")),
        ("features.json", ("query", "--features", "css-grid")),
        ("baseline.json", ("query", "baseline widely available")),
        ("runtimes.json", ("query", "node 20")),
        ("regions.json.gz", ("query", "> 1% in US")),
    ],
)
def test_a_truncated_file_is_named_with_its_fix(data_dir, monkeypatch, capsys, broken, args):
    truncate(data_dir / broken)
    code, err = run(monkeypatch, capsys, *args)
    assert code == 2
    assert f"browser data file {broken} ({data_dir}) cannot be loaded" in err
    assert "jreject data update" in err
    assert "Traceback" not in err


def test_a_data_dir_that_does_not_exist_is_named(monkeypatch, capsys):
    monkeypatch.setenv(data.DATA_DIR_ENV, "/nonexistent/jreject-data")
    data.reload()
    try:
        code, err = run(monkeypatch, capsys, "check", IE11)
    finally:
        monkeypatch.delenv(data.DATA_DIR_ENV)
        data.reload()
    assert code == 2
    assert "JREJECT_DATA_DIR='/nonexistent/jreject-data' holds no jreject data" in err


def test_doctor_warns_that_a_corrupt_installed_bot_file_is_passed_over(data_dir):
    from jreject.data.bots import BOTS_FILE

    shutil.copy(BUNDLED / BOTS_FILE, data_dir / BOTS_FILE)
    truncate(data_dir / BOTS_FILE)
    data.reload()
    (_, install), *_ = diagnose()
    (check,) = [c for c in install.checks if c.title == "Bot data"]
    assert (check.id, check.status) == ("jreject.W008", "warning")
    assert str(data_dir / BOTS_FILE) in check.message
    assert "bundled" in check.message
    assert check.details["source"] == "bundled"
    assert "jreject data update" in check.hint


@pytest.mark.parametrize(
    "broken", ["features.json", "regions.json.gz", "baseline.json", "runtimes.json"]
)
def test_doctor_names_the_broken_file_once_and_skips_what_needs_the_data(data_dir, broken):
    truncate(data_dir / broken)
    sections = diagnose()
    errors = [check for _, report in sections for check in report.errors]
    assert [check.id for check in errors] == ["jreject.E002"]
    assert broken in errors[0].message
    skipped = {c.title for _, report in sections for c in report.checks if c.status == "skipped"}
    assert skipped == {"Data age", "Self-test"}


def test_a_missing_data_dir_is_one_error_and_the_checks_that_need_it_are_skipped(
    monkeypatch, tmp_path
):
    (tmp_path / "jreject.toml").write_text('bots = "allow"\n')
    monkeypatch.setenv(data.DATA_DIR_ENV, "/nonexistent/jreject-data")
    data.reload()
    try:
        sections = diagnose(config=tmp_path / "jreject.toml")
    finally:
        monkeypatch.delenv(data.DATA_DIR_ENV)
        data.reload()
    checks = [check for _, report in sections for check in report.checks]
    assert [c.id for c in checks if c.status == "error"] == ["jreject.E002"]
    # The configuration is not at fault, and is not said to be fine either.
    statuses = {c.title: c.status for c in checks}
    assert statuses["Configuration"] == statuses["Self-test"] == statuses["Data age"] == "skipped"
    assert "Notice" not in statuses


def test_doctor_shows_a_skipped_check_as_neither_passed_nor_failed(data_dir):
    from typer.testing import CliRunner

    from jreject.cli import app

    truncate(data_dir / "features.json")
    result = CliRunner().invoke(app, ["doctor"])
    assert result.exit_code == 1
    assert "– Data age: skipped: the browser data cannot be loaded" in result.output
    assert "– Self-test: skipped" in result.output
    assert "✔ Data age" not in result.output
    assert "✔ Self-test" not in result.output


@pytest.mark.parametrize("broken", ["features.json", "baseline.json", "regions.json.gz"])
def test_doctor_reports_any_corrupt_file_not_only_the_agents(data_dir, broken):
    truncate(data_dir / broken)
    (_, install), *_ = diagnose()
    (check,) = [c for c in install.checks if c.id == "jreject.E002"]
    assert check.status == "error"
    assert broken in check.message


@pytest.mark.parametrize("broken", ["agents.json", "the whole directory"])
def test_broken_data_without_a_config_blames_neither_the_parser_nor_the_notice(
    data_dir, tmp_path_factory, broken
):
    # Detection and the notice read the browser data too: with it broken, an E003 telling
    # the operator to reinstall ua-parser (or an E005 for the notice) sends them the wrong
    # way. A fresh process, as the operator runs it: nothing loaded before the data broke.
    if broken == "agents.json":
        truncate(data_dir / broken)
    else:
        for name in data.DATA_FILES:
            (data_dir / name).unlink()
    checks = doctor_in_a_fresh_process(tmp_path_factory.mktemp("no-config"))
    assert [c["id"] for c in checks if c["status"] == "error"] == ["jreject.E002"]
    statuses = {c["title"]: c["status"] for c in checks}
    assert statuses["Detection"] == statuses["Notice"] == "skipped"


def test_a_broken_user_agent_parser_is_one_error_and_what_needs_it_is_skipped(
    tmp_path, broken_ua_parser
):
    # The self-test and the notice detect their sample visitors with the parser: blaming
    # them too (E004 "reinstall jreject", E005 "check [notice]") hides the one fix.
    checks = doctor_in_a_fresh_process(tmp_path, first_on_path=broken_ua_parser)
    assert [c["id"] for c in checks if c["status"] == "error"] == ["jreject.E003"]
    statuses = {c["title"]: c["status"] for c in checks}
    assert statuses["Self-test"] == statuses["Notice"] == "skipped"
