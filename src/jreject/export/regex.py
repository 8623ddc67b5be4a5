"""``--target regex``: one rule a line, ``class<TAB>flags<TAB>pattern``; the first match wins."""

from __future__ import annotations

from jreject.export._text import header_lines
from jreject.export.rules import Export

__all__ = ["render_regex"]


def render_regex(export: Export) -> str:
    """Tab-separated rules; ``i`` in the flags column means case-insensitive."""
    lines = ["# " + line for line in header_lines(export, "regex")]
    lines.append("# class\tflags\tpattern (PCRE, JavaScript, Python re and Rust regex alike)")
    lines.extend(
        f"{rule.edge_class}\t{'i' if rule.ignore_case else '-'}\t{rule.pattern}"
        for rule in export.rules
    )
    return "\n".join(lines) + "\n"
