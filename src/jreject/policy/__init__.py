"""Client → Verdict: the policy kinds and their composition.

Loading a configuration file is :mod:`jreject.config`, a layer above.

The verdict cache is the next layer, :mod:`jreject.pipeline`.
"""

from __future__ import annotations

import importlib
from typing import Any

from jreject.policy.allow import AllowOnly
from jreject.policy.base import ACTIONS, Action, FirstMatch, Policy, Verdict, allow, reject
from jreject.policy.bots import decide
from jreject.policy.minimum import MODERN, Minimum
from jreject.policy.relative import Relative
from jreject.policy.rules import JREJECT_DEFAULT, RejectRules

__all__ = [
    "ACTIONS",
    "JREJECT_DEFAULT",
    "MODERN",
    "Action",
    "AllowOnly",
    "FirstMatch",
    "Minimum",
    "Policy",
    "RejectRules",
    "Relative",
    "Verdict",
    "allow",
    "decide",
    "reject",
]


_MOVED = {
    "VerdictCache": "jreject.pipeline",
    "Config": "jreject.config",
    "ConfigError": "jreject.config",
    "find_config": "jreject.config",
    "load_config": "jreject.config",
}


def __getattr__(name: str) -> Any:
    # Names that moved out of the policy layer, kept here for one release.
    if name in _MOVED:
        return getattr(importlib.import_module(_MOVED[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
