"""The public API is one table in jreject/__init__.py, every name of it documented."""

from __future__ import annotations

import ast
from pathlib import Path

import jreject

ROOT = Path(__file__).resolve().parents[1]
API = (ROOT / "docs" / "api.md").read_text("utf-8")


def test_all_is_the_table_plus_the_version():
    assert jreject.__all__ == ["__version__", *jreject._PUBLIC]


def test_every_public_name_is_documented_in_docs_api():
    for name in jreject.__all__:
        assert f"`jreject.{name}`" in API, name


def test_every_name_comes_from_the_module_the_table_names():
    import importlib

    for name, home in jreject._PUBLIC.items():
        assert getattr(jreject, name) is getattr(importlib.import_module(home), name)
        assert f"| `jreject.{name}` | `{home}` |" in API


def test_no_private_name_is_exported():
    assert [name for name in jreject.__all__ if name.startswith("_")] == ["__version__"]


def test_the_type_checking_imports_mirror_the_table():
    tree = ast.parse((ROOT / "src" / "jreject" / "__init__.py").read_text("utf-8"))
    block = next(
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in block.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == jreject._PUBLIC
