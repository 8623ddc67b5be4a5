from __future__ import annotations

from typer.testing import CliRunner

from jreject.cli import app
from jreject.config import default_config, load_config
from jreject.policy.recommended import RECOMMENDED_TOML

runner = CliRunner()


def test_init_writes_the_recommended_policy_that_loads(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    written = tmp_path / "jreject.toml"
    assert written.read_text("utf-8") == RECOMMENDED_TOML
    config = load_config(written)
    assert config.policy == default_config().policy
    assert config.notice_options == {"banner_position": "top"}
    assert "wrote jreject.toml" in result.output


def test_init_is_commented_for_a_reader():
    comments = [line for line in RECOMMENDED_TOML.splitlines() if line.startswith("#")]
    assert len(comments) >= 15
    assert "# Moving from the jQuery plugin?" in RECOMMENDED_TOML


def test_a_missing_directory_is_named_once_without_the_errno(tmp_path):
    target = tmp_path / "nowhere" / "jreject.toml"
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"jreject: error: cannot write {target}: no such directory: {target.parent}"
    )


def test_init_refuses_to_overwrite_without_force(tmp_path):
    target = tmp_path / "jreject.toml"
    target.write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(target)])
    assert result.exit_code != 0
    assert "already exists; use --force" in result.output
    assert target.read_text("utf-8") == "# mine\n"
    forced = runner.invoke(app, ["init", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert target.read_text("utf-8") == RECOMMENDED_TOML


def test_a_dash_prints_the_file_instead(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["init", "-"])
    assert result.exit_code == 0
    assert result.stdout == RECOMMENDED_TOML
    assert not (tmp_path / "-").exists()
