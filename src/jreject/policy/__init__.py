"""Client → Verdict: the policy kinds, their composition, and config.

The verdict cache is the next layer, :mod:`jreject.pipeline`.
"""

from __future__ import annotations

from typing import Any

from jreject.policy.allow import AllowOnly
from jreject.policy.base import ACTIONS, Action, FirstMatch, Policy, Verdict, allow, reject
from jreject.policy.bots import decide
from jreject.policy.config import Config, ConfigError, find_config, load_config
from jreject.policy.minimum import MODERN, Minimum
from jreject.policy.relative import Relative
from jreject.policy.rules import JREJECT_DEFAULT, RejectRules

__all__ = [
    "ACTIONS",
    "JREJECT_DEFAULT",
    "MODERN",
    "Action",
    "AllowOnly",
    "Config",
    "ConfigError",
    "FirstMatch",
    "Minimum",
    "Policy",
    "RejectRules",
    "Relative",
    "Verdict",
    "allow",
    "decide",
    "find_config",
    "load_config",
    "reject",
]


def __getattr__(name: str) -> Any:
    # jreject.policy.VerdictCache, kept for one release: it lives in jreject.pipeline.
    if name == "VerdictCache":
        from jreject.pipeline import VerdictCache

        return VerdictCache
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
