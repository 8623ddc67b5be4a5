"""``--target nginx``: a ``map $http_user_agent $jreject_class`` block for the http context."""

from __future__ import annotations

from jreject.export._text import HEADER_NAME, header_lines
from jreject.export.rules import Export

__all__ = ["render_nginx"]


def render_nginx(export: Export) -> str:
    """The map; nginx tries its regular expressions in the order they appear."""
    lines = ["# " + line for line in header_lines(export, "nginx")]
    lines += [
        "# Use it: proxy_set_header " + HEADER_NAME + " $jreject_class;",
        "#         proxy_cache_key $scheme$host$request_uri$jreject_class;",
        "#         and pcre_jit on; in the main context: nginx leaves it off, and these",
        "#         regular expressions run many times faster with it.",
        "map $http_user_agent $jreject_class {",
        "    default ok;",
    ]
    for rule in export.rules:
        operator = "~*" if rule.ignore_case else "~"
        lines.append(f"    # {rule.comment}")
        lines.append(f'    "{operator}{rule.pattern}" {rule.edge_class};')
    lines.append("}")
    return "\n".join(lines) + "\n"
