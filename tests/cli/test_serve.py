"""``jreject serve``: a bad or missing config stops it before anything listens."""

from __future__ import annotations

from typer.testing import CliRunner

from jreject.cli import app as cli_app


def test_bad_config_is_an_error_naming_file_line_and_key(tmp_path):
    config = tmp_path / "jreject.toml"
    config.write_text("[[policy]]\nreject = { msiee = 6 }\n", "utf-8")
    result = CliRunner().invoke(cli_app, ["serve", "--config", str(config), "--port", "1"])
    assert result.exit_code == 2
    assert f"{config}:2: policy[0].reject.msiee" in result.output
    assert "did you mean 'msie'" in result.output


def test_missing_config_file_is_an_error(tmp_path):
    result = CliRunner().invoke(cli_app, ["serve", "--config", str(tmp_path / "nope.toml")])
    assert result.exit_code == 2
    assert "no such file" in result.output


def test_help_names_the_endpoints():
    result = CliRunner().invoke(cli_app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "/_jreject/auth/nginx" in result.output
    assert "--workers" in result.output
