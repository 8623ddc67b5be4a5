"""docs/analyze.md cannot rot: its command lines run, and its Python example works."""

from __future__ import annotations

import json
import shlex

import pytest
from typer.testing import CliRunner

from docs_snippets import blocks
from jreject.analyze.generate import LogSpec, write_log
from jreject.cli import app

PAGE = "analyze.md"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder with the files the page's examples name."""
    monkeypatch.chdir(tmp_path)
    spec = LogSpec(lines=1_200, distinct=60, seed=4)
    write_log(tmp_path / "access.log", spec)
    write_log(tmp_path / "access.log.1.gz", LogSpec(lines=400, distinct=30, seed=5))
    write_log(tmp_path / "caddy.json", LogSpec(lines=300, distinct=20, log_format="json"))
    (tmp_path / "strict.toml").write_text('[[policy]]\nminimum = { preset = "modern" }\n')
    (tmp_path / "lenient.toml").write_text("[[policy]]\nreject = { msie = 8 }\n")
    return tmp_path


def command_lines():
    for block in blocks(PAGE, "sh"):
        for line in block.splitlines():
            words = shlex.split(line)
            # Remote logs and clusters are not here; the generator line is 1M lines.
            if words[:1] == ["jreject"] and not any("://" in w for w in words):
                yield words[1:]


@pytest.mark.parametrize("words", list(command_lines()), ids=" ".join)
def test_every_command_line_runs(site, words):
    if words[0] == "query":
        CliRunner().invoke(
            app, ["analyze", "access.log", "--browserslist-stats", "browserslist-stats.json"]
        )
    result = CliRunner().invoke(app, words)
    assert result.exit_code == 0, result.output
    if "--json" in words:
        json.loads(result.stdout)


def test_python_example_runs(site, capsys):
    (code,) = blocks(PAGE, "python")
    exec(compile(code, PAGE, "exec"), {})
    assert "requests would be blocked" in capsys.readouterr().out
