"""``--target cloudflare``: Transform Rule expressions (Rules language, ``matches``).

A Request Header Transform Rule sets one static value when its expression holds, so
each class gets an expression that is true exactly where the ordered rules give it.
"""

from __future__ import annotations

from jreject.export._text import HEADER_NAME, header_lines
from jreject.export.rules import Export, Rule

__all__ = ["render_cloudflare"]


def render_cloudflare(export: Export) -> str:
    """Three rules in order: ``ok`` for all, then ``warn`` and ``block`` where they hold."""
    lines = ["# " + line for line in header_lines(export, "cloudflare")]
    lines += [
        "# Rules > Transform Rules > Modify Request Header, three rules in this order, each",
        f"# 'Set static' {HEADER_NAME} to the value named. `matches` needs a Business or",
        "# Enterprise plan; on other plans use --target js in a Worker. Python's crawler",
        "# list does not fit Cloudflare's 4,096-character limit: only the bot words are here,",
        "# and Cloudflare's own bot score can stand in (cf.client.bot).",
        "",
        "# ok:",
        "true",
    ]
    for edge_class in ("warn", "block"):
        expression = _expression(export.rules, edge_class)
        if len(expression) > _LIMIT:
            lines += [
                f"# This expression has {len(expression)} characters, over Cloudflare's limit:"
            ]
            lines += ["# use --target js in a Worker instead."]
        lines += ["", f"# {edge_class}:", expression]
    return "\n".join(lines) + "\n"


#: Cloudflare limits an expression to 4,096 characters: the crawler list stays out.
_LONG = 1000
_LIMIT = 4096


def _matches(patterns: list[Rule]) -> str:
    parts = []
    for ignore_case in (True, False):
        chosen = [r.pattern for r in patterns if r.ignore_case == ignore_case]
        if chosen:
            regex = ("(?i)" if ignore_case else "") + "|".join(f"(?:{p})" for p in chosen)
            escaped = regex.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'http.user_agent matches "{escaped}"')
    return " or ".join(parts)


def _expression(rules: tuple[Rule, ...], edge_class: str) -> str:
    # Rule i decides when it matches and no earlier rule does.
    rules = tuple(r for r in rules if len(r.pattern) <= _LONG)
    terms = []
    for index, rule in enumerate(rules):
        if rule.edge_class != edge_class:
            continue
        earlier = _matches(list(rules[:index]))
        this = _matches([rule])
        terms.append(f"({this} and not ({earlier}))" if earlier else f"({this})")
    return " or ".join(terms) if terms else "false"
