"""jreject: decide on the server whether a visitor's browser is supported.

The names below are the public API (``docs/api.md`` lists each with its page). They
are imported on first use, so that ``import jreject`` stays cheap: the detector
loads ua-parser's rules, and the middleware loads the notice templates, only when
something asks for them.

The detection function is ``jreject.detect.detect``: ``jreject.detect`` is the
detection package, so the top level cannot also hold a function of that name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from jreject._version import __version__

#: THE table of public names: each name and the module it is imported from.
_PUBLIC: dict[str, str] = {
    "AllowOnly": "jreject.policy",
    "Client": "jreject.detect",
    "Config": "jreject.config",
    "ConfigError": "jreject.errors",
    "Detector": "jreject.detect",
    "FirstMatch": "jreject.policy",
    "JRejectASGI": "jreject.middleware",
    "JRejectWSGI": "jreject.middleware",
    "Minimum": "jreject.policy",
    "Policy": "jreject.policy",
    "RejectRules": "jreject.policy",
    "Relative": "jreject.policy",
    "Verdict": "jreject.policy",
    "VerdictCache": "jreject.pipeline",
    "decide": "jreject.policy",
    "load_config": "jreject.config",
}

__all__ = ["__version__", *_PUBLIC]

if TYPE_CHECKING:
    # For type checkers only, which cannot follow __getattr__; tests/test_public_api.py
    # checks that it names exactly the table above, from the same modules.
    from jreject.config import Config, load_config  # noqa: F401
    from jreject.detect import Client, Detector  # noqa: F401
    from jreject.errors import ConfigError  # noqa: F401
    from jreject.middleware import JRejectASGI, JRejectWSGI  # noqa: F401
    from jreject.pipeline import VerdictCache  # noqa: F401
    from jreject.policy import (  # noqa: F401
        AllowOnly,
        FirstMatch,
        Minimum,
        Policy,
        RejectRules,
        Relative,
        Verdict,
        decide,
    )


def __getattr__(name: str) -> Any:
    home = _PUBLIC.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_PUBLIC})
