from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

import jreject.cli

runner = CliRunner()


def test_export_writes_an_nginx_map_for_the_given_policy(tmp_path):
    policy = tmp_path / "jreject.toml"
    policy.write_text('[[policy]]\nminimum = { firefox = 100 }\naction = "block"\n', "utf-8")
    result = runner.invoke(jreject.cli.app, ["export", "--target", "nginx", "-p", str(policy)])
    assert result.exit_code == 0, result.output
    assert "map $http_user_agent $jreject_class {" in result.stdout
    assert "Firefox/" in result.stdout
    assert str(policy) in result.stdout


def test_export_to_a_file(tmp_path):
    out = tmp_path / "rules.tsv"
    result = runner.invoke(jreject.cli.app, ["export", "-t", "regex", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").splitlines()[-1].startswith("ok\t")


def test_export_reports_a_bad_policy_without_a_traceback(tmp_path):
    policy = tmp_path / "jreject.toml"
    policy.write_text("[[policy]]\nminimum = { firefoxx = 100 }\n", "utf-8")
    result = runner.invoke(jreject.cli.app, ["export", "-t", "js", "-p", str(policy)])
    assert result.exit_code == 2
    assert "firefoxx" in result.output


def test_export_rejects_an_unknown_target():
    result = runner.invoke(jreject.cli.app, ["export", "-t", "akamai"])
    assert result.exit_code == 2


def test_export_names_the_os_keys_it_cannot_express_in_the_header_and_on_stderr(tmp_path):
    policy = tmp_path / "jreject.toml"
    policy.write_text("[[policy]]\nreject = { windows = true, freebsd = true }\n", "utf-8")
    result = runner.invoke(jreject.cli.app, ["export", "-t", "js", "-p", str(policy)])
    assert result.exit_code == 0, result.output
    for where in (result.stdout, result.stderr):
        assert "reject key freebsd: the edge cannot tell freebsd" in where
        assert "other browsers on windows are ok at the edge" in where


def test_export_of_a_policy_it_expresses_whole_prints_nothing_on_stderr(tmp_path):
    policy = tmp_path / "jreject.toml"
    policy.write_text('[[policy]]\nminimum = { firefox = 100 }\naction = "block"\n', "utf-8")
    result = runner.invoke(jreject.cli.app, ["export", "-t", "js", "-p", str(policy)])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_without_a_configuration_the_export_is_of_the_recommended_policy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    help_text = runner.invoke(jreject.cli.app, ["export", "--help"]).stdout
    # Rich wraps the help in a box: read it as one line of words.
    assert "else the recommended policy" in " ".join(help_text.replace("│", " ").split())
    result = runner.invoke(jreject.cli.app, ["export", "-t", "regex"])
    assert result.exit_code == 0, result.output
    assert "generated from jreject's recommended policy." in result.stdout


def test_a_policy_that_is_a_folder_is_called_one(tmp_path):
    result = runner.invoke(jreject.cli.app, ["export", "-t", "nginx", "-p", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: not a file" in result.stderr


def test_an_output_file_is_replaced_whole_and_keeps_its_mode(tmp_path):
    out = tmp_path / "jreject-class.conf"
    out.write_text("# the previous export\n", "utf-8")
    out.chmod(0o640)
    result = runner.invoke(jreject.cli.app, ["export", "-t", "nginx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").startswith("# jreject ")
    assert out.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_an_output_that_is_not_a_file_is_written_in_place(tmp_path):
    result = runner.invoke(jreject.cli.app, ["export", "-t", "regex", "-o", "/dev/null"])
    assert result.exit_code == 0, result.output
    assert Path("/dev/null").is_char_device()


def test_an_output_in_a_missing_folder_is_named_as_every_command_names_it(tmp_path):
    out = tmp_path / "missing" / "jreject-class.conf"
    result = runner.invoke(jreject.cli.app, ["export", "-t", "nginx", "-o", str(out)])
    assert result.exit_code == 2
    assert f"cannot write {out}: no such directory: {out.parent}" in result.stderr
