"""The examples in docs/middleware.md run, and its TOML is a valid [middleware] table."""

from __future__ import annotations

import tomllib

from docs_snippets import DOCS
from docs_snippets import blocks as page_blocks
from jreject.middleware import Settings
from jreject.settings import Settings as SettingsClass

DOC = DOCS / "middleware.md"


def blocks(language):
    return page_blocks(DOC, language)


def test_python_examples_run_in_order():
    examples = blocks("python")
    assert len(examples) >= 4
    namespace: dict = {}
    for example in examples:
        exec(compile(example, "docs/middleware.md", "exec"), namespace)


def test_toml_example_is_a_valid_middleware_table():
    (example,) = blocks("toml")
    settings = Settings.from_options(tomllib.loads(example)["middleware"])
    assert settings.explain is True
    assert settings.exclude == ("/api", "/healthz")


def test_every_setting_is_documented_with_its_default():
    text = DOC.read_text("utf-8")
    for field in SettingsClass.__dataclass_fields__.values():
        assert f"| `{field.name}` |" in text, field.name
