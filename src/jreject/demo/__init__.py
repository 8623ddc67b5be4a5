"""``jreject demo``: Pebble & Pine, a made-up shop with jreject in front of it.

Run ``jreject demo`` and open the printed URL. The switcher at the top shows the
shop as a sample visitor (Internet Explorer 6, Safari 12, Googlebot …) would see
it; see ``docs/demo.md``. Names are imported on first use, so reading the sample
visitors does not load the web stack.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jreject.demo.app import create_asgi_app, create_wsgi_app, demo_policy
    from jreject.demo.server import DemoServer, make_server
    from jreject.demo.visitors import Visitor, find_visitor, sample_visitors

__all__ = [
    "DemoServer",
    "Visitor",
    "create_asgi_app",
    "create_wsgi_app",
    "demo_policy",
    "find_visitor",
    "make_server",
    "sample_visitors",
]

_HOMES = {
    "create_asgi_app": "app",
    "create_wsgi_app": "app",
    "demo_policy": "app",
    "DemoServer": "server",
    "make_server": "server",
    "Visitor": "visitors",
    "find_visitor": "visitors",
    "sample_visitors": "visitors",
}


def __getattr__(name: str) -> object:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
