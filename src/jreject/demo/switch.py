"""The demo's visitor switcher: a tiny shim in front of jreject, demo-only.

A page cannot change the real browser's User-Agent, so ``?as=<visitor>`` asks this
shim to replace the request's ``User-Agent`` and client-hint headers with that
sample visitor's before jreject sees them. jreject itself is unchanged: it decides
on the headers it receives, exactly as for a real visitor. Without ``as`` (or with
an unknown one) the request passes through untouched, so your own browser is judged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import parse_qs

from jreject.demo.visitors import HINT_HEADERS, Visitor, find_visitor

__all__ = [
    "QUERY_PARAM",
    "VisitorSwitchASGI",
    "VisitorSwitchWSGI",
    "visitor_from_query",
]

#: The query parameter naming the sample visitor, e.g. ``/?as=ie11``.
QUERY_PARAM = "as"

_REPLACED: frozenset[bytes] = frozenset({b"user-agent", *(h.encode() for h in HINT_HEADERS)})
_REPLACED_ENVIRON: frozenset[str] = frozenset(
    "HTTP_" + name.decode().upper().replace("-", "_") for name in _REPLACED
)

ASGIApp = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def visitor_from_query(query: str | bytes) -> Visitor | None:
    """The sample visitor a query string asks for, or ``None``."""
    text = query.decode("latin-1") if isinstance(query, bytes) else query
    values = parse_qs(text).get(QUERY_PARAM)
    return find_visitor(values[-1]) if values else None


class VisitorSwitchASGI:
    """ASGI shim: swap in the headers of the visitor named by ``?as=``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Mapping[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            visitor = visitor_from_query(scope.get("query_string", b""))
            if visitor is not None:
                kept = [
                    (k, v) for k, v in scope.get("headers", ()) if bytes(k).lower() not in _REPLACED
                ]
                added = [(k.encode(), v.encode("latin-1")) for k, v in visitor.headers().items()]
                scope = {**scope, "headers": kept + added}
        await self.app(scope, receive, send)


class VisitorSwitchWSGI:
    """WSGI shim: the same swap, on a copy of the environ."""

    def __init__(self, app: WSGIApp) -> None:
        self.app = app

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        visitor = visitor_from_query(environ.get("QUERY_STRING", ""))
        if visitor is not None:
            environ = {k: v for k, v in environ.items() if k not in _REPLACED_ENVIRON}
            for name, value in visitor.headers().items():
                environ["HTTP_" + name.upper().replace("-", "_")] = value
        return self.app(environ, start_response)
