"""The generated User-Agent mix."""

from __future__ import annotations

from jreject.analyze.agents import user_agent_pool
from jreject.detect import detect


def test_pool_has_the_distinct_user_agents_asked_for_extra_ones_first():
    uas, weights, bots = user_agent_pool(120, seed=1, extra=["Corpus/1.0"])
    assert len(set(uas)) == len(uas) == 120
    assert len(weights) == len(uas)
    assert uas.index("Corpus/1.0") > 0  # in the pool, but not the most popular
    assert bots


def test_browsers_are_browsers_and_bots_are_bots():
    uas, _, bots = user_agent_pool(200, seed=2)
    assert all(not detect(ua).is_bot for ua in uas)
    assert sum(detect(ua).is_bot for ua in bots) >= 0.9 * len(bots)


def test_the_same_seed_gives_the_same_pool():
    assert user_agent_pool(50, seed=3) == user_agent_pool(50, seed=3)
