"""``jreject export``: a policy compiled to edge rules for nginx, Varnish, Cloudflare, Fastly, JS.

See docs/caching.md. :func:`compile_policy` asks the policy about sample User-Agents
and returns ordered :class:`Rule` objects; :func:`render` writes them for one target.
"""

from __future__ import annotations

from jreject.export.render import TARGETS, render
from jreject.export.rules import CLASSES, EdgeClass, Export, Rule, compile_policy, edge_class

__all__ = [
    "CLASSES",
    "TARGETS",
    "EdgeClass",
    "Export",
    "Rule",
    "compile_policy",
    "edge_class",
    "render",
]
