"""docs/migrate.md's before/after pairs are what `jreject migrate` writes today."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from docs_snippets import blocks
from jreject._version import __version__
from jreject.cli import app as cli_app

VERSION = re.compile(r"\(jreject [^)]+\)")


def migrate(tmp_path, name, text):
    source = tmp_path / name
    source.write_text(text, "utf-8")
    result = CliRunner().invoke(cli_app, ["migrate", str(source)])
    assert result.exit_code == 0, result.output
    return result.stdout


def normalized(toml):
    return VERSION.sub(f"(jreject {__version__})", toml).rstrip()


@pytest.mark.parametrize(
    ("language", "name", "index"), [("js", "before.js", 0), ("yaml", "drupal.yml", 1)]
)
def test_before_gives_after(tmp_path, language, name, index):
    (before,) = blocks("migrate.md", language)
    after = blocks("migrate.md", "toml")[index]
    assert normalized(migrate(tmp_path, name, before)) == normalized(after)


def test_the_documented_commands_exist():
    result = CliRunner().invoke(cli_app, ["migrate", "--help"])
    assert "--output" in result.output
    assert "--from" in result.output
