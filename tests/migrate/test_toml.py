"""The TOML writer: values that round-trip, and an output jreject loads."""

from __future__ import annotations

import tomllib

import pytest

from jreject.migrate.options import Migration, Rule
from jreject.migrate.toml import render, toml_value


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'quote " and \\ backslash',
        "new\nline\ttab",
        "del \x7f and nul-less control \x01",
        "non-ASCII: ça, 日本",
        True,
        False,
        8,
        15.6,
        ["edge", "firefox"],
    ],
)
def test_values_round_trip(value):
    assert tomllib.loads(f"x = {toml_value(value)}")["x"] == value


def test_render_writes_rules_commented_rules_and_notes():
    migration = Migration(
        rules=[
            Rule("msie", 8, "Internet Explorer 5-11"),
            Rule("android", True, "optional", active=False),
            Rule("solaris", None, "left out"),
        ],
        notes=[("fadeInTime", "slow", "no animation")],
    )
    text = render(migration)
    document = tomllib.loads(text)
    assert document["policy"] == [{"action": "modal", "reject": {"msie": 8}}]
    assert "# android = true" in text
    assert "# solaris: left out" in text
    assert '# fadeInTime = "slow": no animation' in text


def test_render_refuses_what_jreject_would_not_load():
    with pytest.raises(ValueError, match="safarii"):
        render(Migration(rules=[Rule("safarii", True)]))
