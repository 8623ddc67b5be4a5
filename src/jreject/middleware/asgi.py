"""``JRejectASGI``: the pure ASGI 3 middleware (wrapped by ``jreject.starlette``).

Only ``http`` scopes are handled; ``websocket`` and ``lifespan`` pass straight
through. Per-request state lives in a per-call object, never on ``self``, and
everything that can be computed once is computed in ``__init__``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from functools import lru_cache, partial
from typing import Any

from jreject.middleware.build import Built, Wrapper
from jreject.middleware.cachefriendly import PAGE_VERDICT
from jreject.middleware.http import (
    asgi_headers,
    content_length,
    make_private,
    merge_vary,
    not_modified_page,
    text_headers,
    without_conditionals,
)
from jreject.middleware.inject import FailOpenSplicer
from jreject.middleware.outcome import Outcome, Prepared
from jreject.middleware.respond import Request, Response, visitor_verdict
from jreject.policy.base import Verdict

__all__ = ["STATE_KEY", "VERDICTS_KEY", "JRejectASGI", "request_headers", "scope_request"]

#: The key of the request's verdict in ``scope["state"]`` (``request.state.jreject``).
STATE_KEY = "jreject"
#: The scope key naming the verdict source of the nearest jreject middleware around the
#: app, on every ``http`` request (paths it leaves alone too): a route's own check judges
#: by that middleware's policy, even in a mounted app, which has no other way to find it.
VERDICTS_KEY = "jreject.verdicts"

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


class JRejectASGI(Wrapper[ASGIApp]):
    """Wrap an ASGI app: warn, block or log unsupported browsers.

    Arguments as :class:`jreject.middleware.wsgi.JRejectWSGI`. With Starlette:
    ``app.add_middleware(jreject.starlette.JRejectMiddleware, policy=...)``.
    """

    def _skeleton(self, built: Built) -> Callable[[str, Any], Outcome]:
        return built.engine.skeleton(built.verdicts.from_scope, scope_request)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        built = self._built
        decide = self._decide
        if scope["type"] != "http" or built is None or decide is None:
            await self.app(scope, receive, send)
            return
        scope[VERDICTS_KEY] = built.verdicts
        engine = built.engine
        allowed: Verdict | None = None
        try:
            root = scope.get("root_path")
            path = scope.get("path") or "/"
            # ASGI puts the mount point in "path" too; jreject matches below it, as
            # Starlette's routing does.
            if root and path.startswith(root):
                path = path[len(root) :] or "/"
            state = scope.get("state")
            if state is None:
                # Before the Request is built: it reads the app's nonce from this dict.
                state = scope["state"] = {}
            outcome = decide(path, scope)
            if isinstance(outcome, Verdict):
                allowed = state[STATE_KEY] = outcome
            elif (verdict := visitor_verdict(outcome)) is not None:
                state[STATE_KEY] = verdict
        except Exception:
            engine.failed("before the app ran")
            outcome = None
        if allowed is not None:
            # An allowed visitor, the hot path: the body streams untouched and a page's
            # start gains Vary. A plain function returning the server's own awaitable:
            # no coroutine of ours per message.
            def send_allowed(message: Message) -> Awaitable[None]:
                if message["type"] == "http.response.start":
                    try:
                        headers = _allowed_start(built, allowed, scope, message)
                    except Exception:
                        engine.failed("while planning the response")
                    else:
                        if headers is not None:
                            # A new message: the app may send the same dict again.
                            return send({**message, "headers": headers})
                return send(message)

            await self.app(scope, receive, send_allowed)
        elif not isinstance(outcome, Prepared | Response):  # passed through, or jreject failed
            await self.app(scope, receive, send)
        elif isinstance(outcome, Response):
            await _send(outcome, send)
        else:
            if outcome.inject:
                scope = _for_the_notice(scope, outcome)
            await self.app(scope, receive, _Call(built, outcome, send).send)


#: Server extensions that send a body jreject cannot splice into (a file the server reads
#: itself): hidden from an app whose page gets the notice, so it sends its body as bytes.
_BODY_BYPASSES = ("http.response.pathsend", "http.response.zerocopysend")


def _for_the_notice(scope: Scope, prepared: Prepared) -> Scope:
    """The scope the app sees when its page gets the notice: a copy, the original untouched."""
    extensions = scope.get("extensions")
    if extensions and any(name in extensions for name in _BODY_BYPASSES):
        kept = {name: value for name, value in extensions.items() if name not in _BODY_BYPASSES}
        scope = {**scope, "extensions": kept}
    if prepared.verdict is not PAGE_VERDICT:
        # The notice's page is a new representation: the app must send it whole.
        # (Cache-friendly tags are the same on every copy: validators still hold.)
        scope = {**scope, "headers": without_conditionals(scope.get("headers") or ())}
    return scope


def _allowed_start(
    built: Built, verdict: Verdict, scope: Scope, message: Message
) -> list[tuple[bytes, bytes]] | None:
    """The headers of an allowed visitor's start ``message``, with a page's Vary (and
    Accept-CH); ``None`` when they stay as they are."""
    status = message["status"]
    raw = message.get("headers") or []
    engine = built.engine
    if status == 200 and not engine.explain:
        # The common case, on bytes as they are: a page without a Vary of its own
        # gets ours appended; anything else is not a page and goes out as is.
        page = varied = False
        for name, value in raw:
            # len() first: most names are neither, and lower() costs more.
            size = len(name)
            if size == 12:
                if name == b"content-type" or name.lower() == b"content-type":
                    known = engine.html_types.get(value)
                    page = engine.html_type(value) if known is None else known
            elif size == 4 and (name == b"vary" or name.lower() == b"vary"):
                varied = True
        if not page:
            return None
        if not varied:
            return [*raw, *built.asgi_page_headers]
        merged = _with_vary(raw, engine.vary, built.asgi_page_headers[1:])
        if merged is not None:
            return merged
    status = int(status)
    headers = text_headers(raw)
    accepts_html = status == 304 and not_modified_page(scope_request(scope))
    out = built.engine.allowed_headers(status, headers, accepts_html, verdict)
    return None if out is headers else asgi_headers(out)


def _with_vary(
    raw: list[tuple[bytes, bytes]],
    names: tuple[str, ...],
    tail: tuple[tuple[bytes, bytes], ...],
) -> list[tuple[bytes, bytes]] | None:
    """A page with a ``Vary`` of its own, on bytes: what the text path gives (names
    lower-cased, one ``Vary`` with ``names`` merged in, ``tail`` after), without decoding
    and encoding every header. None for a name that is not ASCII bytes: the text path
    decides those."""
    out: list[tuple[bytes, bytes]] = []
    values: list[bytes] = []
    first = -1
    for name, value in raw:
        if type(name) is not bytes or type(value) is not bytes or not name.isascii():
            return None
        lower = name.lower()
        if lower == b"vary":
            if first < 0:
                first = len(out)
            values.append(value)
        else:
            out.append((lower, value))
    out.insert(first, (b"vary", _merged_vary_bytes(tuple(values), names)))
    out.extend(tail)
    return out


@lru_cache(maxsize=256)
def _merged_vary_bytes(values: tuple[bytes, ...], names: tuple[str, ...]) -> bytes:
    # The text path's merge (merge_vary), on the Latin-1 text of the values.
    headers = [("Vary", value.decode("latin-1")) for value in values]
    merge_vary(headers, names)
    return headers[0][1].encode("latin-1")


def scope_request(scope: Scope) -> Request:
    """The :class:`Request` of an ASGI ``http`` scope (the path below ``root_path``)."""
    root = scope.get("root_path", "") or ""
    path = scope.get("path", "") or "/"
    if root and path.startswith(root):
        path = path[len(root) :] or "/"
    state = scope.get("state")
    return Request(
        method=scope.get("method", "GET"),
        root=root.rstrip("/"),
        path=path,
        query=(scope.get("query_string") or b"").decode("latin-1"),
        https=scope.get("scheme") in ("https", "wss"),
        state=state if state is not None else {},
        native=scope,
        **request_headers(scope),
    )


#: The request headers a :class:`Request` keeps, by their ASGI (lower-case) names.
_REQUEST_FIELDS = {
    b"accept": "accept",
    b"sec-fetch-dest": "fetch_dest",
    b"x-requested-with": "requested_with",
    b"hx-request": "hx_request",
}


def request_headers(scope: Mapping[str, Any]) -> dict[str, str]:
    """The :class:`Request` fields read from an ASGI scope's headers (``cookie``, ``accept``…).

    Cookie headers are joined with ``"; "`` (RFC 9110 §5.3 does not apply to Cookie;
    RFC 6265 §5.4 joins them so); for the others the last one wins.
    """
    found = {"cookie": "", "accept": "", "fetch_dest": "", "requested_with": "", "hx_request": ""}
    for name, value in scope.get("headers") or ():
        if name == b"cookie":
            text = value.decode("latin-1")
            found["cookie"] = f"{found['cookie']}; {text}" if found["cookie"] else text
        else:
            field = _REQUEST_FIELDS.get(name)
            if field is not None:
                found[field] = value.decode("latin-1")
    return found


async def _send(response: Response, send: Send) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": response.status,
            "headers": asgi_headers(response.headers),
        }
    )
    await send({"type": "http.response.body", "body": response.body})


class _Call:
    """One request's response: headers planned at start, body spliced as it streams."""

    __slots__ = (
        "built",
        "head_length",
        "held",
        "original",
        "prepared",
        "send_",
        "splicer",
        "started",
    )

    def __init__(self, built: Built, prepared: Prepared, send: Send) -> None:
        self.built = built
        self.prepared = prepared
        self.send_ = send
        self.splicer: FailOpenSplicer | None = None
        self.held: Message | None = None  # the planned start message, until the first body
        self.original: Message = {}  # the app's start message, for failing open
        self.started = False
        #: For a HEAD whose app sends no body: the length GET's page would have.
        self.head_length: int | None = None

    async def send(self, message: Message) -> None:
        kind = message["type"]
        if kind == "http.response.start":
            await self._start(message)
        elif kind == "http.response.body" and self.splicer is not None:
            await self._body(self.splicer, message)
        else:
            if self.held is not None:
                # Anything but a body (pathsend or zerocopy from an app that ignored the
                # scope's extensions): the page goes as the app meant it, without the
                # notice, as a rejected visitor's page that lacks it always goes.
                self.held, self.splicer = None, None
                self.started = True
                await self.send_(self._unspliced())
            await self.send_(message)

    async def _start(self, message: Message) -> None:
        try:
            headers = text_headers(message.get("headers", ()))
            plan = self.built.engine.plan(self.prepared, int(message["status"]), headers)
            planned = {**message, "headers": asgi_headers(plan.headers)}
        except Exception:
            self.built.engine.failed("while planning the response")
            self.started = True
            await self.send_(message)
            return
        if plan.fragment is None:
            self.started = True
            await self.send_(planned)
            return
        if self.prepared.request.method == "HEAD":
            # An app that sends its body for HEAD too gets it spliced as GET's, so that
            # what wraps jreject (compression) announces GET's length; one that sends
            # none gets the length GET's page would have announced (RFC 9110 §9.3.2).
            length = content_length(headers)
            self.head_length = None if length is None else length + len(plan.fragment)
        # Don't send the start message until the first body: if splicing fails
        # before it leaves, the original response can still go out unmodified.
        engine = self.built.engine
        self.splicer = FailOpenSplicer(
            plan.fragment,
            partial(engine.failed, "while adding the notice"),
            partial(engine.declined, self.prepared),
        )
        self.held = planned
        self.original = message

    def _unspliced(self) -> Message:
        """The app's start message, its ``Vary`` merged with what the verdict read, and
        ``private`` (docs/middleware.md: a rejected visitor's page without the notice)."""
        try:
            headers = text_headers(self.original.get("headers", ()))
            merge_vary(headers, self.prepared.vary)
            make_private(headers, modified=False)
            return {**self.original, "headers": asgi_headers(headers)}
        except Exception:
            self.built.engine.failed("while planning the response")
            return self.original

    async def _bodiless_head(self) -> None:
        """A HEAD whose app sent no body: the planned start, GET's length, no body."""
        start, self.held, self.splicer = self.held, None, None
        if start is None:
            return
        if self.head_length is not None:
            length = str(self.head_length).encode("ascii")
            start["headers"] = [*start["headers"], (b"content-length", length)]
        self.started = True
        await self.send_(start)
        await self.send_({"type": "http.response.body", "body": b"", "more_body": False})

    async def _body(self, splicer: FailOpenSplicer, message: Message) -> None:
        more = bool(message.get("more_body", False))
        if (
            self.held is not None
            and self.prepared.request.method == "HEAD"
            and not message.get("body")
        ):
            # No byte of the app's yet: nothing to splice into, and maybe never.
            if not more:
                await self._bodiless_head()
            return
        parts = splicer.feed(message.get("body", b""), last=not more)
        if splicer.failed:
            # Fail open: the app's body goes on unmodified, after the app's own start
            # message if ours is still held back (then nothing was held: the message
            # goes out as the app sent it); else the parts start with any bytes the
            # splicer had held back.
            self.splicer = None
            if self.held is not None:
                self.held = None
                self.started = True
                await self.send_(self.original)
                await self.send_(message)
                return
            await self.send_(
                {"type": "http.response.body", "body": b"".join(parts), "more_body": more}
            )
            return
        if self.held is not None:
            start, self.held = self.held, None
            if not more and not start.get("trailers"):
                # The whole body came in one message and is spliced: its length is known.
                # Announced, the server sends it as is, not chunked (one write fewer);
                # never with trailers to come, which need a chunked body.
                length = str(sum(map(len, parts))).encode("ascii")
                start["headers"] = [*start["headers"], (b"content-length", length)]
            self.started = True
            await self.send_(start)
        if not parts:
            if not more:
                await self.send_({"type": "http.response.body", "body": b"", "more_body": False})
            return
        last = len(parts) - 1
        for i, part in enumerate(parts):
            await self.send_(
                {"type": "http.response.body", "body": part, "more_body": more or i < last}
            )


def __getattr__(name: str) -> Any:
    # Deprecated alias (one release): one JRejectMiddleware per framework, Starlette's.
    if name == "JRejectMiddleware":
        import warnings

        warnings.warn(
            "jreject.middleware.JRejectMiddleware is deprecated: use JRejectASGI, or "
            "jreject.starlette.JRejectMiddleware with Starlette",
            DeprecationWarning,
            stacklevel=2,
        )
        return JRejectASGI
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
