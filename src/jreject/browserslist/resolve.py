"""Resolve a query to ``"agent version"`` strings, as browserslist 4 does.

:func:`resolve_queries` runs each clause's selector (:mod:`jreject.browserslist.selectors`)
and folds the results with ``or`` / ``and`` / ``not``; :func:`browserslist` removes
repeats and sorts like browserslist (by agent name, newest version first).
"""

from __future__ import annotations

import functools
import math
import os
import time
from collections.abc import Sequence

from jreject.browserslist import _js
from jreject.browserslist.context import Context, Options
from jreject.browserslist.dataset import dataset
from jreject.browserslist.errors import BrowserslistError
from jreject.browserslist.parser import parse
from jreject.browserslist.selectors import SELECTORS
from jreject.browserslist.stats import custom_usage

__all__ = ["Options", "browserslist", "resolve_queries"]


def _resolve(queries: str | Sequence[str], ctx: Context) -> list[str]:
    result: list[str] = []
    for index, node in enumerate(parse(queries)):
        if node.negated and index == 0:
            raise BrowserslistError(
                f"Write any browsers query (for instance, `defaults`) before `{node.text}`",
                query=node.source,
                span=node.span,
            )
        try:
            selected = SELECTORS[node.kind](ctx, node)
        except BrowserslistError as exc:
            raise exc.located(node.source, node.span) from None
        items: list[str] = []
        for item in selected:
            name, _, version = item.partition(" ")
            if version.split(" ")[0] == "0":
                agent = ctx.by_name(name)
                item = f"{name} {agent.versions[0]}" if agent else item
            items.append(item)
        if not node.negated and node.compose == "or":
            result.extend(items)
        else:
            chosen = set(items)
            keep = not node.negated
            result = [item for item in result if (item in chosen) == keep]
    return result


def _sort_key(item: str) -> tuple[str, float, float, float]:
    # browserslist sorts by name, then compareSemver on the part before "-", newest first.
    name, _, version = item.partition(" ")
    parts = version.split("-")[0].split(".")
    minor = parts[1] if len(parts) > 1 and parts[1] else "0"
    patch = parts[2] if len(parts) > 2 and parts[2] else "0"
    return name, _js.parse_int(parts[0]), _js.parse_int(minor), _js.parse_int(patch)


def resolve_queries(queries: str | Sequence[str], opts: Options | None = None) -> list[str]:
    """The unsorted, possibly repeating selection (browserslist's internal ``resolve``)."""
    opts = opts or Options()
    now = opts.now if opts.now is not None else time.time() * 1000
    data = dataset()
    custom = custom_usage(opts.stats, opts.path, data)

    def nested(inner: str | Sequence[str]) -> list[str]:
        return _resolve(inner, ctx)

    def whole(inner: str | Sequence[str]) -> list[str]:
        return browserslist(inner, opts)

    ctx = Context(opts, data, now, custom, nested, whole)
    return _resolve(queries, ctx)


def browserslist(
    queries: str | Sequence[str] | None = None, opts: Options | None = None
) -> list[str]:
    """Browsers matching ``queries``, e.g. ``["chrome 131", "safari 18.1", …]``.

    Same answers as browserslist 4 on the same data. ``None`` reads the config (see
    :func:`jreject.browserslist.config.load_config`) from ``opts.path`` or uses the
    defaults. Raises :class:`BrowserslistError`.
    """
    opts = opts or Options()
    if queries is None:
        from jreject.browserslist.config import load_config

        found = load_config(
            opts.path or os.getcwd(),
            env=opts.env,
            config=opts.config,
            throw_on_missing=opts.throw_on_missing,
        )
        queries = found if found is not None else list(dataset().constants.defaults)
    if not isinstance(queries, str | list | tuple):
        raise BrowserslistError(
            f"Browser queries must be an array or string. Got {_js.js_typeof(queries)}."
        )
    selected = resolve_queries(queries, opts)
    unique = list(dict.fromkeys(selected))
    keys = [_sort_key(item) for item in unique]
    if any(math.isnan(key[1]) for key in keys):
        # "TP" / "all" compare as NaN, so the comparator is not a total order: only the same
        # comparisons in the same algorithm (TimSort, in V8 as here) give the same result.
        def compare(i: int, j: int) -> int:
            (name1, *v1), (name2, *v2) = keys[i], keys[j]
            if name1 != name2:
                return -1 if name1 < name2 else 1
            for a, b in zip(v1, v2, strict=True):
                if a < b:
                    return 1
                if a > b:
                    return -1
            return 0

        order = sorted(range(len(unique)), key=functools.cmp_to_key(compare))
    else:
        order = sorted(range(len(unique)), key=lambda i: (keys[i][0], *(-n for n in keys[i][1:])))
    return [unique[i] for i in order]
