"""Client → Verdict: the policy kinds, their composition, the verdict cache and config."""

from __future__ import annotations

from jreject.policy.allow import AllowOnly
from jreject.policy.base import ACTIONS, Action, FirstMatch, Policy, Verdict, allow, reject
from jreject.policy.bots import decide
from jreject.policy.cache import VerdictCache
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
    "VerdictCache",
    "allow",
    "decide",
    "find_config",
    "load_config",
    "reject",
]
