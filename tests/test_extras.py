"""Each framework page's install line brings every command that page tells the reader to run."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
EXTRAS = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]


def extras_closure(name: str) -> set[str]:
    """The extra and every ``jreject[...]`` extra it pulls in, transitively."""
    found = {name}
    for requirement in EXTRAS[name]:
        nested = re.fullmatch(r"jreject\[([\w,]+)\]", requirement)
        if nested:
            for inner in nested.group(1).split(","):
                found |= extras_closure(inner)
    return found


@pytest.mark.parametrize("page", ["django.md", "flask.md", "starlette.md"])
def test_framework_extra_installs_the_cli_its_page_runs(page):
    text = (ROOT / "docs" / page).read_text()
    (extra,) = set(re.findall(r"pip install 'jreject\[(\w+)\]'", text))
    assert "jreject doctor" in text
    assert "cli" in extras_closure(extra)
