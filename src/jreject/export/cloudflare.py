"""``--target cloudflare``: Transform Rule expressions (Rules language, ``matches``).

A Request Header Transform Rule sets one static value when its expression holds, so
each class gets an expression that is true exactly where the ordered rules give it.
"""

from __future__ import annotations

from jreject.export._text import HEADER_NAME, header_lines
from jreject.export.rules import CRAWLERS, Export, Rule

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
            # A group only where the pattern has an alternation of its own.
            regex = ("(?i)" if ignore_case else "") + "|".join(
                f"(?:{p})" if "|" in p and len(chosen) > 1 else p for p in chosen
            )
            escaped = regex.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'http.user_agent matches "{escaped}"')
    return " or ".join(parts)


def _expression(rules: tuple[Rule, ...], edge_class: str) -> str:
    """True where the first rule that matches gives ``edge_class``, each pattern written once.

    Read from the last rule back: a run of this class's rules is "one of them matches,
    or what follows holds"; a run of other rules is "none of them matches, and what
    follows holds". Repeating every earlier rule in each term instead grew the
    recommended policy's expression to 50,000 characters.
    """
    rules = tuple(r for r in rules if r.comment != CRAWLERS and len(r.pattern) <= _LONG)
    runs: list[tuple[bool, list[Rule]]] = []
    for rule in rules:
        mine = rule.edge_class == edge_class
        if runs and runs[-1][0] == mine:
            runs[-1][1].append(rule)
        else:
            runs.append((mine, [rule]))
    while runs and not runs[-1][0]:
        runs.pop()  # no rule of this class follows them
    expression = ""
    for mine, run in reversed(runs):
        this = _matches(run)
        if mine:
            expression = f"{this} or ({expression})" if expression else this
        else:
            expression = f"not ({this}) and ({expression})"
    return expression or "false"
