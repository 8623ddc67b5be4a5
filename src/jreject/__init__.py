"""jreject: decide on the server whether a visitor's browser is supported.

The names below are the public API. They are imported on first use, so that
``import jreject`` stays cheap: the detector loads ua-parser's rules, and the
middleware loads the notice templates, only when something asks for them.

The detection function is ``jreject.detect.detect``: ``jreject.detect`` is the
detection package, so the top level cannot also hold a function of that name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from jreject._version import __version__

if TYPE_CHECKING:
    from jreject.detect import Client, Detector
    from jreject.middleware import JRejectASGI, JRejectWSGI
    from jreject.pipeline import VerdictCache
    from jreject.policy import (
        AllowOnly,
        Config,
        ConfigError,
        FirstMatch,
        Minimum,
        Policy,
        RejectRules,
        Relative,
        Verdict,
        decide,
        load_config,
    )

__all__ = [
    "AllowOnly",
    "Client",
    "Config",
    "ConfigError",
    "Detector",
    "FirstMatch",
    "JRejectASGI",
    "JRejectWSGI",
    "Minimum",
    "Policy",
    "RejectRules",
    "Relative",
    "Verdict",
    "VerdictCache",
    "__version__",
    "decide",
    "load_config",
]

#: The module each lazily imported public name comes from.
_HOMES: dict[str, str] = {
    name: module
    for module, names in {
        "jreject.detect": ("Client", "Detector"),
        "jreject.middleware": ("JRejectASGI", "JRejectWSGI"),
        "jreject.pipeline": ("VerdictCache",),
        "jreject.policy": [
            "AllowOnly",
            "Config",
            "ConfigError",
            "FirstMatch",
            "Minimum",
            "Policy",
            "RejectRules",
            "Relative",
            "Verdict",
            "decide",
            "load_config",
        ],
    }.items()
    for name in names
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
