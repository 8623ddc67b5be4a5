"""docs/doctor.md cannot rot: its sample output, JSON shape, ids and commands are checked."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from docs_snippets import blocks
from jreject.cli import app as cli_app
from jreject.health import CHECK_IDS

PAGE = Path(__file__).resolve().parents[2] / "docs" / "doctor.md"
# What differs from machine to machine: paths, sizes, dates and day counts.
VARIABLE = re.compile(r"/\S+|\d[\d.]*")


def fenced(language):
    return blocks(PAGE, language)


def shape(line):
    return VARIABLE.sub("#", line.rstrip())


def test_sample_output_is_what_doctor_prints(tmp_path, monkeypatch):
    import jreject.data

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(jreject.data, "tables_age_warning", lambda now=None: None)
    (tmp_path / "jreject.toml").write_text("[[policy]]\nreject = { chrome = true }\n")
    result = CliRunner().invoke(cli_app, ["doctor"])
    assert result.exit_code == 0
    (sample,) = fenced("text")
    assert [shape(line) for line in sample.splitlines()] == [
        shape(line) for line in result.output.splitlines()
    ]


def test_json_sample_has_the_real_keys(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli_app, ["doctor", "--json"])
    real = json.loads(result.output)
    (sample,) = (json.loads(block) for block in fenced("json"))
    assert set(sample) == set(real)
    assert set(sample["checks"][0]) == set(real["checks"][0])
    accelerator = next(c for c in real["checks"] if c["title"] == "Accelerator")
    assert accelerator == sample["checks"][0]


def test_every_id_is_documented():
    text = PAGE.read_text("utf-8")
    for check_id in CHECK_IDS:
        if check_id != "jreject.I001":
            assert f"| `{check_id}` |" in text


def test_documented_commands_parse(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for block in fenced("sh"):
        for line in block.splitlines():
            words = line.split(">")[0].split()
            assert words[:2] == ["jreject", "doctor"]
            result = CliRunner().invoke(cli_app, [*words[1:], "--help"])
            assert result.exit_code == 0, line
