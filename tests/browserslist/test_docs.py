"""The examples in docs/browserslist.md and docs/data.md run, and their TOML tiers build."""

from __future__ import annotations

import tomllib

import pytest

from docs_snippets import blocks
from jreject.policy.browserslist import browserslist_tier, require_tier


@pytest.mark.parametrize("name", ["browserslist.md", "data.md"])
def test_python_examples_run(name):
    examples = blocks(name, "python")
    assert examples
    for example in examples:
        exec(compile(example, f"{name} example", "exec"), {})


def test_toml_tiers_build_policies(tmp_path, monkeypatch):
    (tmp_path / ".browserslistrc").write_text("[production]\ndefaults\n")
    monkeypatch.chdir(tmp_path)
    (example,) = blocks("browserslist.md", "toml")
    tiers = tomllib.loads(example)["policy"]
    policies = [browserslist_tier(t["browserslist"], t, t["action"]) for t in tiers]
    assert [p.action for p in policies] == ["modal", "banner"]
    assert require_tier({"features": ["css-grid"], "partial": True}, {}, "modal").partial
