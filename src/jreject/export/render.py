"""One name per export target, and the function that writes it."""

from __future__ import annotations

from collections.abc import Callable

from jreject.export.cloudflare import render_cloudflare
from jreject.export.js import render_js
from jreject.export.nginx import render_nginx
from jreject.export.regex import render_regex
from jreject.export.rules import Export
from jreject.export.vcl import render_fastly, render_varnish

__all__ = ["TARGETS", "render"]

TARGETS: dict[str, Callable[[Export], str]] = {
    "nginx": render_nginx,
    "varnish": render_varnish,
    "cloudflare": render_cloudflare,
    "fastly": render_fastly,
    "js": render_js,
    "regex": render_regex,
}


def render(export: Export, target: str) -> str:
    """``export`` written for ``target`` (a key of :data:`TARGETS`)."""
    try:
        return TARGETS[target](export)
    except KeyError:
        raise ValueError(
            f"unknown export target {target!r}: expected one of {', '.join(TARGETS)}"
        ) from None
