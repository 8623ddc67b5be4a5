"""docs/notice.md: its examples run, and its tables match the code."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from docs_snippets import blocks as page_blocks
from jreject.notice import BROWSERS, DEFAULT_TEXTS, JREJECT_NAMES, Notice
from jreject.notice.render import CONFIG_KEYS

DOC = Path(__file__).resolve().parents[2] / "docs" / "notice.md"
TEXT = DOC.read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return page_blocks(DOC, language)


def test_python_examples_run():
    examples = blocks("python")
    assert examples
    for code in examples:
        exec(compile(code, str(DOC), "exec"), {})


@pytest.mark.parametrize("source", blocks("toml"))
def test_toml_examples_are_valid_notice_configuration(source, tmp_path, monkeypatch):
    table = tomllib.loads(source)["notice"]
    if "templates" in table:
        # The example names a folder of the reader's project; an empty one uses ours.
        monkeypatch.chdir(tmp_path)
        (tmp_path / table["templates"]).mkdir(parents=True)
    assert Notice.from_config(table)


def test_every_text_key_is_documented_with_its_default_and_jreject_name():
    jreject_name = {ours: theirs for theirs, ours in JREJECT_NAMES.items()}
    for key, default in DEFAULT_TEXTS.items():
        row = re.search(rf"^\| `{key}` \|(.*)$", TEXT, flags=re.M)
        assert row, key
        assert row.group(1).rstrip().endswith(f"| {default} |"), key
        if key in jreject_name:
            assert f"`{jreject_name[key]}`" in row.group(1)


def test_every_setting_and_browser_is_documented():
    for key in CONFIG_KEYS:
        assert re.search(rf"^\| `{key}` \|", TEXT, flags=re.M), key
    for browser_id in BROWSERS:
        assert re.search(rf"^\| `{browser_id}`", TEXT, flags=re.M), browser_id
