"""How a bot pattern is split and keyed, and the index of them the bot data records."""

from __future__ import annotations

from jreject.data import bot_index
from jreject.data.bots import load_bot_data


def test_the_index_leaves_out_a_pattern_re2_refuses_so_start_up_reports_it():
    data = load_bot_data()
    broken = dict(data, isbot=[*data["isbot"], {"pattern": "x", "re2": r"(?<!x)Foobot"}])
    recorded = dict(bot_index.branch_index(broken))
    assert "(?i)(?<!x)Foobot" not in recorded
    assert len(recorded) == len(data["branches"])


def test_a_rare_character_alone_is_a_key_but_a_common_one_is_not():
    assert bot_index._key(r"[a-z]@[a-z]+\.[a-z]", 0) == "@"
    assert bot_index._key(r"[a-z]a[a-z]", 0) is None


def test_split_keeps_a_leading_flag_group_on_every_branch():
    assert bot_index._split("(?i)foobar|bazbot") == [
        ("(?i)foobar", "foobar"),
        ("(?i)bazbot", "bazbot"),
    ]
    assert bot_index._split("FooBar|x") == [("FooBar", "foobar"), ("x", None)]
