"""The examples in docs/policies.md and docs/configuration.md run, and their TOML loads."""

from __future__ import annotations

import tomllib

import pytest

from docs_snippets import blocks
from jreject.config import config_from_dict


@pytest.mark.parametrize("name", ["policies.md", "configuration.md"])
def test_python_examples_run(name):
    examples = blocks(name, "python")
    assert examples
    for example in examples:
        exec(compile(example, f"{name} example", "exec"), {})


@pytest.mark.parametrize("name", ["policies.md", "configuration.md"])
def test_toml_examples_are_valid_configurations(name):
    examples = blocks(name, "toml")
    assert examples
    for example in examples:
        document = tomllib.loads(example)
        settings = document["tool"]["jreject"] if "tool" in document else document
        config_from_dict(settings, source=name)
