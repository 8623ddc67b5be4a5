"""``jreject migrate``: a file or standard input to TOML on standard output or a file."""

from __future__ import annotations

import json
import tomllib

import pytest
from typer.testing import CliRunner

from jreject.cli import app as cli_app
from jreject.config import load_config

OPTIONS = "$.reject({ reject: { msie: 8, firefox3: true }, closeLink: 'Close This Window' });"


def run(*args, stdin=None):
    return CliRunner().invoke(cli_app, ["migrate", *args], input=stdin)


def test_options_file_to_standard_output(tmp_path):
    source = tmp_path / "options.js"
    source.write_text(OPTIONS, "utf-8")
    result = run(str(source))
    assert result.exit_code == 0, result.output
    toml = result.stdout
    document = tomllib.loads(toml)
    assert document["policy"][0]["reject"] == {"msie": 8, "firefox3": True}
    assert "from jReject options in options.js" in toml
    assert "2 reject keys" in result.stderr


def test_drupal_export_from_standard_input_is_recognised():
    export = json.dumps({"jreject_enable": 0, "jreject_header": "Old"})
    result = run("-", stdin=export)
    assert result.exit_code == 0, result.output
    document = tomllib.loads(result.stdout)
    assert document["policy"][0]["action"] == "log"
    assert document["notice"]["texts"]["header"] == "Old"


def test_output_file_loads_and_is_not_overwritten_without_force(tmp_path):
    source = tmp_path / "options.json"
    source.write_text(json.dumps({"reject": {"msie": 10}, "close": False}), "utf-8")
    target = tmp_path / "jreject.toml"
    assert run(str(source), "--output", str(target)).exit_code == 0
    assert load_config(target).policy.action == "block"
    again = run(str(source), "--output", str(target))
    assert again.exit_code == 2
    assert "--force" in again.output
    assert run(str(source), "--output", str(target), "--force").exit_code == 0


def test_unreadable_or_broken_input_is_an_error_with_the_place(tmp_path):
    assert run(str(tmp_path / "missing.js")).exit_code == 2
    broken = tmp_path / "broken.js"
    broken.write_text("$.reject({\n  reject: { msie 8 }\n});", "utf-8")
    result = run(str(broken))
    assert result.exit_code == 2
    assert "broken.js: line 2" in result.output


def test_a_broken_drupal_yaml_export_reports_the_yaml_error(tmp_path):
    source = tmp_path / "drupal.yml"
    source.write_text("jreject_enable: [unclosed\n", "utf-8")
    result = run(str(source))
    assert result.exit_code == 2
    assert "drupal.yml: neither JSON nor YAML: YAML error at line 2" in result.output
    assert "no options object found" not in result.output


@pytest.mark.parametrize(
    ("options", "summary"),
    [
        ("{reject: {msie: 9}}", "1 reject key, 0 options explained"),
        ("{reject: {linux: true}}", "1 reject key (1 more as comments), 0 options explained"),
        ("{reject: {solaris: true}, colour: 1}", "0 reject keys (1 more as comments), 1 option "),
        ("{reject: {msie: 9, firefox: 3}, a: 1, b: 2}", "2 reject keys, 2 options explained"),
    ],
)
def test_the_summary_counts_the_keys_written_with_plurals(tmp_path, options, summary):
    source = tmp_path / "options.js"
    source.write_text(options, "utf-8")
    result = run(str(source))
    assert result.exit_code == 0, result.output
    assert f"jreject migrate: {summary}" in result.stderr


def test_forcing_the_kind(tmp_path):
    source = tmp_path / "settings.yml"
    source.write_text("header: Old\n", "utf-8")
    result = run(str(source), "--from", "drupal")
    assert result.exit_code == 0, result.output
    assert tomllib.loads(result.stdout)["notice"]["texts"]["header"] == "Old"


def test_an_output_that_cannot_be_written_says_why_once(tmp_path):
    source = tmp_path / "options.js"
    source.write_text(OPTIONS, "utf-8")
    folder = tmp_path / "conf"
    folder.mkdir()
    for force in ((), ("--force",)):  # --force cannot help: not "exists; add --force"
        result = run(str(source), "--output", str(folder), *force)
        assert result.exit_code == 2
        assert f"cannot write {folder}: it is a directory" in result.output
    missing = tmp_path / "nope" / "jreject.toml"
    result = run(str(source), "--output", str(missing))
    assert result.exit_code == 2
    assert f"cannot write {missing}: no such directory: {missing.parent}" in result.output
