"""``jreject serve``: a bad or missing config stops it before anything listens."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

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


def test_a_uds_path_that_is_not_a_socket_is_refused_and_left_alone(tmp_path):
    # uvicorn removes its socket path when it stops, even when binding failed because a
    # file was there: a mistyped --uds must not delete the operator's file.
    for workers in ("1", "2"):
        kept = tmp_path / "jreject.pid"
        kept.write_text("4242\n", "utf-8")
        result = CliRunner().invoke(cli_app, ["serve", "--uds", str(kept), "--workers", workers])
        assert result.exit_code == 2
        assert f"--uds {kept}: the file exists and is not a socket" in result.output
        assert kept.read_text("utf-8") == "4242\n"


def test_a_config_that_is_a_directory_is_said_to_be_one(tmp_path):
    result = CliRunner().invoke(cli_app, ["serve", "--config", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path}: is a directory" in result.output


def test_a_socket_that_cannot_be_bound_exits_3_saying_where(tmp_path):
    # docs/cli.md: `jreject serve` exits 3 when it cannot listen, whatever the address.
    where = "/proc/jreject-test.sock"  # a folder no one may create files in
    result = CliRunner().invoke(cli_app, ["serve", "--uds", where])
    assert result.exit_code == 3
    assert f"cannot listen on {where}:" in result.output
    assert "cannot write the output" not in result.output


def test_a_user_agent_parser_that_cannot_load_stops_it_in_one_line(tmp_path):
    # The service warms the parser up before it listens: a broken install (a shared
    # library missing under google-re2, say) is said once, never as a traceback.
    shadow = tmp_path / "ua_parser"
    shadow.mkdir()
    (shadow / "__init__.py").write_text('raise ImportError("libre2.so.11: cannot open")\n')
    source = Path(__file__).resolve().parents[2] / "src"
    done = subprocess.run(
        [sys.executable, "-m", "jreject", "serve", "--port", "1"],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{source}"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "the User-Agent parser cannot be loaded (libre2.so.11: cannot open)" in done.stderr
    assert "jreject doctor" in done.stderr
