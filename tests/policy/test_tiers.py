from __future__ import annotations

import pytest

from jreject.policy.allow import AllowOnly
from jreject.policy.minimum import Minimum
from jreject.policy.relative import Relative
from jreject.policy.rules import RejectRules
from jreject.policy.tiers import TIER_KINDS, register_tier_kind


def test_bundled_kinds_build_their_policies():
    assert isinstance(TIER_KINDS["reject"]({"msie": 6}, {}, "modal"), RejectRules)
    assert isinstance(TIER_KINDS["minimum"]({"preset": "modern"}, {}, "modal"), Minimum)
    assert isinstance(TIER_KINDS["relative"]({}, {}, "log"), Relative)
    tier = {"allow_only": ["chrome"], "minimum": {"chrome": 120}}
    built = TIER_KINDS["allow_only"](["chrome"], tier, "block")
    assert isinstance(built, AllowOnly)
    assert isinstance(built.minimum, Minimum)


def test_relative_defaults_to_latest_minus_two():
    assert TIER_KINDS["relative"]({}, {}, "modal").latest_minus == 2


@pytest.mark.parametrize("name", ["reject", "action"])
def test_a_kind_cannot_shadow_a_key(name):
    with pytest.raises(ValueError, match="already defined"):
        register_tier_kind(name, lambda value, tier, action: RejectRules())
